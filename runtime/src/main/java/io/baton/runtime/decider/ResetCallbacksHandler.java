package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.ResetCallbacks;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.CallbacksReset;
import java.util.List;

/** Make every task waiting out a callback (or retry) delay pollable now. */
final class ResetCallbacksHandler implements CommandHandler<ResetCallbacks> {
  @Override
  public Decision handle(ExecutionState state, ResetCallbacks cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    for (TaskState t : state.tasks()) {
      if (t.status() == TaskStatus.SCHEDULED && t.workerTask() && t.visibleAt() > now) {
        return Decision.accept(List.of(new CallbacksReset(now)));
      }
    }
    return Decision.unchanged();
  }
}
