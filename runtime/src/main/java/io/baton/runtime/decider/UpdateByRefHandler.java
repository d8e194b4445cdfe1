package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.UpdateTaskByRef;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;

/** {@code POST /tasks/{workflowId}/{taskRefName}/{status}}: the latest attempt of that step is updated. */
final class UpdateByRefHandler implements CommandHandler<UpdateTaskByRef> {
  private final UpdateHandler update = new UpdateHandler();

  @Override
  public Decision handle(ExecutionState state, UpdateTaskByRef cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    TaskState task = state.latestByRef(cmd.taskReferenceName()).orElse(null);
    if (task == null) {
      return Decision.reject(Rejection.notFound("no task with reference '" + cmd.taskReferenceName()
          + "' in workflow " + state.workflowId()));
    }
    return update.handle(state, new UpdateTask(new TaskResult(state.workflowId(), task.taskId(),
        cmd.status(), cmd.output(), null, null, cmd.workerId(), null, null)), now);
  }
}
