package io.baton.runtime.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code complete_task} / {@code fail_task}: the task by {@code taskId}, or by {@code workflowId}
 * and {@code taskRefName} (its latest attempt or iteration), and what its output becomes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDetails(
    String workflowId,
    String taskRefName,
    String taskId,
    ObjectNode output,
    String reasonForIncompletion,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public TaskDetails {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }
}
