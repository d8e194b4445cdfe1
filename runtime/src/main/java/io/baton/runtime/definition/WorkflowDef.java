package io.baton.runtime.definition;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow definition as registered. Fields we do not interpret are kept in {@code extra} so a
 * definition comes back from GET as it went in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDef(
    String name,
    String description,
    Integer version,
    List<WorkflowTask> tasks,
    List<String> inputParameters,
    ObjectNode outputParameters,
    String failureWorkflow,
    Integer schemaVersion,
    Boolean restartable,
    Boolean workflowStatusListenerEnabled,
    String ownerEmail,
    String timeoutPolicy,
    Long timeoutSeconds,
    ObjectNode variables,
    ObjectNode inputTemplate,
    Long createTime,
    Long updateTime,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public static final String TIME_OUT_WF = "TIME_OUT_WF";
  public static final String ALERT_ONLY = "ALERT_ONLY";

  public WorkflowDef {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** The definition with Conductor's defaults filled in, as stored at registration. */
  public WorkflowDef withDefaults() {
    return new WorkflowDef(name, description, version == null ? 1 : version, tasks,
        inputParameters == null ? List.of() : inputParameters, outputParameters, failureWorkflow,
        schemaVersion == null ? 2 : schemaVersion, restartable == null ? Boolean.TRUE : restartable,
        workflowStatusListenerEnabled == null ? Boolean.FALSE : workflowStatusListenerEnabled,
        ownerEmail, timeoutPolicy == null ? ALERT_ONLY : timeoutPolicy,
        timeoutSeconds == null ? 0L : timeoutSeconds, variables, inputTemplate, createTime,
        updateTime, extra);
  }

  public int versionOrDefault() {
    return version == null ? 1 : version;
  }

  public WorkflowDef withTasks(List<WorkflowTask> newTasks) {
    return new WorkflowDef(name, description, version, newTasks, inputParameters, outputParameters,
        failureWorkflow, schemaVersion, restartable, workflowStatusListenerEnabled, ownerEmail,
        timeoutPolicy, timeoutSeconds, variables, inputTemplate, createTime, updateTime, extra);
  }

  public WorkflowDef withTimes(Long created, Long updated) {
    return new WorkflowDef(name, description, version, tasks, inputParameters, outputParameters,
        failureWorkflow, schemaVersion, restartable, workflowStatusListenerEnabled, ownerEmail,
        timeoutPolicy, timeoutSeconds, variables, inputTemplate, created, updated, extra);
  }
}
