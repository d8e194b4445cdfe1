package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.LeaseTask;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.TaskLeased;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;
import java.util.Optional;

/**
 * Hands a scheduled task to one worker. Only a SCHEDULED task of a RUNNING workflow can be leased,
 * so a second poll for the same task, or a poll after completion or terminate, gets nothing.
 */
final class LeaseHandler implements CommandHandler<LeaseTask> {
  @Override
  public Decision handle(ExecutionState state, LeaseTask cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    Optional<TaskState> task = state.task(cmd.taskId());
    if (task.isEmpty()) return Decision.reject(Rejection.notFound("task " + cmd.taskId() + " not found"));
    if (state.status() != WorkflowStatus.RUNNING) {
      return Decision.reject(Rejection.conflict("workflow is " + state.status()));
    }
    if (!task.get().workerTask()) {
      return Decision.reject(Rejection.conflict("task " + cmd.taskId() + " is not a worker task"));
    }
    if (task.get().status() != TaskStatus.SCHEDULED) {
      return Decision.reject(Rejection.conflict("task is " + task.get().status()));
    }
    return Decision.accept(List.of(new TaskLeased(cmd.taskId(), cmd.workerId(), now)));
  }
}
