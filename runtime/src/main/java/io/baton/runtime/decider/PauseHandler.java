package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.PauseWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent.WorkflowPaused;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;

/** Pause: running tasks go on, nothing new is scheduled. Pausing a paused workflow changes nothing. */
final class PauseHandler implements CommandHandler<PauseWorkflow> {
  @Override
  public Decision handle(ExecutionState state, PauseWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (state.status() == WorkflowStatus.PAUSED) return Decision.unchanged();
    if (state.status().terminal()) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " is " + state.status()
          + "; only a running workflow can be paused"));
    }
    return Decision.accept(List.of(new WorkflowPaused(now)));
  }
}
