package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.ChildEnded;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;

/**
 * A child reports its end by its own id: the open SUB_WORKFLOW step linked to that child (the
 * first attempt, or a retry that resumed the same child) completes or fails with it. A report
 * nothing waits for (a repeat, a child of a step that ended) changes nothing.
 */
final class ChildEndedHandler implements CommandHandler<ChildEnded> {
  private final UpdateHandler update = new UpdateHandler();

  @Override
  public Decision handle(ExecutionState state, ChildEnded cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    for (TaskState t : state.openTasks()) {
      if (cmd.childWorkflowId().equals(t.subWorkflowId())) {
        return update.handle(state, new UpdateTask(new TaskResult(state.workflowId(), t.taskId(),
            cmd.successful() ? "COMPLETED" : "FAILED", cmd.output(), cmd.reason(), null, null, null, null)), now);
      }
    }
    return Decision.unchanged();
  }
}
