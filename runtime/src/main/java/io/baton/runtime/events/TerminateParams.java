package io.baton.runtime.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code terminate_workflow}: the workflow and the reason it is terminated with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerminateParams(
    String workflowId,
    String terminationReason,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public TerminateParams {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }
}
