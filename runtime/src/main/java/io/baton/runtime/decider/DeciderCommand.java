package io.baton.runtime.decider;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.WorkflowDef;
import java.util.Map;

/**
 * What the decider is asked to decide on. Pure data: no actor references, no clock. It travels
 * inside {@code ExecutionCommand.Decide} between nodes, so it carries its concrete type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@type")
public sealed interface DeciderCommand extends CborSerializable {

  /** {@code definition} is the snapshot, task definitions already resolved into it. */
  record StartWorkflow(WorkflowDef definition, ObjectNode input, String correlationId,
      int priority, Map<String, String> taskToDomain, String parentWorkflowId,
      String parentWorkflowTaskId) implements DeciderCommand {}

  record LeaseTask(String taskId, String workerId) implements DeciderCommand {}

  record UpdateTask(TaskResult result) implements DeciderCommand {}

  /** An update addressed by reference name: the latest attempt of that step gets it. */
  record UpdateTaskByRef(String taskReferenceName, String status, ObjectNode output, String workerId)
      implements DeciderCommand {}

  /** A signal: the task that waits for one (WAIT, HUMAN) gets this status and output. */
  record Signal(String status, ObjectNode output) implements DeciderCommand {}

  record TerminateWorkflow(String reason) implements DeciderCommand {}

  record PauseWorkflow() implements DeciderCommand {}

  record ResumeWorkflow() implements DeciderCommand {}

  record RetryWorkflow(boolean resumeSubworkflowTasks) implements DeciderCommand {}

  /** {@code latestDefinition} null keeps the execution's snapshot (useLatestDefinitions=false). */
  record RestartWorkflow(WorkflowDef latestDefinition) implements DeciderCommand {}

  /** {@code reRunFromTaskId} null reruns the whole workflow. */
  record RerunWorkflow(String reRunFromTaskId, ObjectNode workflowInput, ObjectNode taskInput)
      implements DeciderCommand {}

  record SkipTask(String taskReferenceName, ObjectNode taskInput, ObjectNode taskOutput)
      implements DeciderCommand {}

  record ResetCallbacks() implements DeciderCommand {}

  /** A child workflow ended: the open SUB_WORKFLOW step linked to it takes its end. */
  record ChildEnded(String childWorkflowId, boolean successful, ObjectNode output, String reason)
      implements DeciderCommand {}

  record RemoveWorkflow() implements DeciderCommand {}

  record AppendTaskLog(String taskId, String log) implements DeciderCommand {}

  /** Time passed: end attempts whose deadlines are due. */
  record CheckTimeouts() implements DeciderCommand {}
}
