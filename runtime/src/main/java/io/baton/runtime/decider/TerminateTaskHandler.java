package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.WorkflowCompleted;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;

/**
 * TERMINATE: ends the workflow COMPLETED or FAILED ({@code terminationStatus}), with
 * {@code workflowOutput} as its output and {@code terminationReason} as its reason. The task itself
 * ends COMPLETED; every other open task is canceled.
 */
final class TerminateTaskHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    ObjectNode input = task.inputData();
    String status = input.path("terminationStatus").asText("");
    if (!status.equals("COMPLETED") && !status.equals("FAILED")) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), task.visibleAt());
      walk.fail(task, "TERMINATE '" + wt.taskReferenceName()
          + "': terminationStatus must be COMPLETED or FAILED, got '" + status + "'");
      return;
    }
    String reason = input.hasNonNull("terminationReason") ? input.get("terminationReason").asText() : null;
    JsonNode given = input.get("workflowOutput");
    ObjectNode output = given != null && given.isObject() ? (ObjectNode) given : walk.state().output();
    walk.start(task, TaskStatus.COMPLETED, output, task.visibleAt());
    walk.emitAll(TerminateHandler.cancelOpenTasks(walk.state(), walk.now()));
    if (status.equals("COMPLETED")) {
      walk.emit(new WorkflowCompleted(output, walk.now()));
    } else {
      walk.emit(WorkflowFailure.of(walk.state(), output, WorkflowStatus.FAILED, reason,
          List.of(task.referenceTaskName()), task.taskId(), walk.now()));
    }
  }
}
