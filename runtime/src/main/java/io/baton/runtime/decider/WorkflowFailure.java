package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent.WorkflowFailed;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;

/**
 * The end of a workflow that failed or timed out. When its definition names a failureWorkflow,
 * that workflow's id (derived, so the decision stays pure) goes into the output as Conductor's
 * {@code conductor.failure_workflow}; the entity starts it after persisting.
 */
public final class WorkflowFailure {
  public static final String OUTPUT_KEY = "conductor.failure_workflow";

  private WorkflowFailure() {}

  static WorkflowFailed of(ExecutionState state, WorkflowStatus status, String reason, List<String> failedRefs,
      String failedTaskId, long now) {
    return of(state, state.output(), status, reason, failedRefs, failedTaskId, now);
  }

  static WorkflowFailed of(ExecutionState state, ObjectNode finalOutput, WorkflowStatus status, String reason,
      List<String> failedRefs, String failedTaskId, long now) {
    ObjectNode output = finalOutput == null ? JsonNodeFactory.instance.objectNode() : finalOutput.deepCopy();
    String failureWorkflow = state.definition().failureWorkflow();
    if (failureWorkflow != null && !failureWorkflow.isBlank()) output.put(OUTPUT_KEY, idOf(state.workflowId()));
    return new WorkflowFailed(status, reason, failedRefs, output, failedTaskId, now);
  }

  /** The input Conductor gives a failure workflow: the failed workflow's input, and what failed. */
  public static ObjectNode inputFor(ExecutionState failed, String failedTaskId) {
    ObjectNode input = failed.input() == null ? JsonNodeFactory.instance.objectNode() : failed.input().deepCopy();
    input.put("workflowId", failed.workflowId());
    input.put("reason", failed.reasonForIncompletion());
    input.put("failureStatus", failed.status().name());
    input.put("failureTaskId", failedTaskId);
    ObjectNode summary = input.putObject("failedWorkflow");
    summary.put("workflowId", failed.workflowId());
    summary.put("workflowName", failed.definition().name());
    summary.put("workflowVersion", failed.definition().versionOrDefault());
    summary.put("status", failed.status().name());
    summary.put("reasonForIncompletion", failed.reasonForIncompletion());
    summary.put("correlationId", failed.correlationId());
    summary.set("input", failed.input());
    summary.set("output", failed.output());
    var refs = summary.putArray("failedReferenceTaskNames");
    failed.failedReferenceTaskNames().forEach(refs::add);
    return input;
  }

  /** The id of the failure workflow started for this workflow. */
  public static String idOf(String workflowId) {
    return ChildIds.of(workflowId + ":failure");
  }
}
