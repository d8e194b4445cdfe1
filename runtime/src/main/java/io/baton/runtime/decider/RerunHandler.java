package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.RerunWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent.WorkflowRerun;
import java.util.List;

/**
 * Rerun a finished workflow, whole or from one task: tasks after it are dropped, it runs again
 * under its own id with the new task input, and the workflow input may be replaced.
 */
final class RerunHandler implements CommandHandler<RerunWorkflow> {
  @Override
  public Decision handle(ExecutionState state, RerunWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (!state.status().terminal()) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " is " + state.status()
          + "; only a finished workflow can be rerun"));
    }
    if (cmd.reRunFromTaskId() != null && state.task(cmd.reRunFromTaskId()).isEmpty()) {
      return Decision.reject(Rejection.notFound("task " + cmd.reRunFromTaskId() + " not found in workflow "
          + state.workflowId()));
    }
    return Decision.accept(Progression.withConsequences(state, List.of(new WorkflowRerun(
        cmd.reRunFromTaskId(), cmd.workflowInput(), cmd.taskInput(), now)), now));
  }
}
