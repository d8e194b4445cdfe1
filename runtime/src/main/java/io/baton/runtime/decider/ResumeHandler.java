package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.ResumeWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent.WorkflowResumed;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;

/** Resume, from PAUSED only: what waited during the pause is scheduled in the same decision. */
final class ResumeHandler implements CommandHandler<ResumeWorkflow> {
  @Override
  public Decision handle(ExecutionState state, ResumeWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (state.status() != WorkflowStatus.PAUSED) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " is " + state.status()
          + "; only a paused workflow can be resumed"));
    }
    return Decision.accept(Progression.withConsequences(state, List.of(new WorkflowResumed(now)), now));
  }
}
