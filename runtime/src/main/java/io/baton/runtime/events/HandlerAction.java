package io.baton.runtime.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action of an event handler, in Conductor's wire shape: {@code action} names which of the
 * parameter objects applies. {@code expandInlineJSON} parses JSON held in string fields of the
 * payload before the parameters are resolved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandlerAction(
    String action,
    @JsonProperty("start_workflow") StartWorkflowParams startWorkflow,
    @JsonProperty("complete_task") TaskDetails completeTask,
    @JsonProperty("fail_task") TaskDetails failTask,
    @JsonProperty("terminate_workflow") TerminateParams terminateWorkflow,
    @JsonProperty("expandInlineJSON") Boolean expandInlineJSON,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public static final String START_WORKFLOW = "start_workflow";
  public static final String COMPLETE_TASK = "complete_task";
  public static final String FAIL_TASK = "fail_task";
  public static final String TERMINATE_WORKFLOW = "terminate_workflow";

  public HandlerAction {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  public boolean expandsInlineJson() {
    return Boolean.TRUE.equals(expandInlineJSON);
  }
}
