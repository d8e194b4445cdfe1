package io.baton.runtime.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code start_workflow}: which workflow, and its input; strings may hold {@code ${...}} over the payload. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartWorkflowParams(
    String name,
    Integer version,
    String correlationId,
    ObjectNode input,
    Map<String, String> taskToDomain,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public StartWorkflowParams {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }
}
