package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.RestartWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent.WorkflowRestarted;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;

/**
 * Restart a finished workflow from the beginning under the same id, with its snapshot or (when
 * given) the latest definition. A COMPLETED workflow whose definition says restartable=false
 * cannot be restarted.
 */
final class RestartHandler implements CommandHandler<RestartWorkflow> {
  @Override
  public Decision handle(ExecutionState state, RestartWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (!state.status().terminal()) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " is " + state.status()
          + "; only a finished workflow can be restarted"));
    }
    if (state.status() == WorkflowStatus.COMPLETED && Boolean.FALSE.equals(state.definition().restartable())) {
      return Decision.reject(Rejection.conflict("workflow definition '" + state.definition().name()
          + "' is not restartable, and this execution COMPLETED"));
    }
    var definition = cmd.latestDefinition() != null ? cmd.latestDefinition() : state.definition();
    return Decision.accept(Progression.withConsequences(state, List.of(new WorkflowRestarted(definition, now)), now));
  }
}
