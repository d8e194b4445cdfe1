package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.RemoveWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.WorkflowRemoved;
import java.util.List;

/** Removes an execution; a running one has its open tasks canceled first so no worker gets them. */
final class RemoveHandler implements CommandHandler<RemoveWorkflow> {
  @Override
  public Decision handle(ExecutionState state, RemoveWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    List<WorkflowEvent> events = TerminateHandler.cancelOpenTasks(state, now);
    events.add(new WorkflowRemoved(now));
    return Decision.accept(events);
  }
}
