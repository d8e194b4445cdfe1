package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.TerminateWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.TaskEnded;
import io.baton.runtime.execution.WorkflowEvent.WorkflowTerminated;
import java.util.ArrayList;
import java.util.List;

/** Ends a running execution: open tasks are CANCELED. Terminating a finished one changes nothing. */
final class TerminateHandler implements CommandHandler<TerminateWorkflow> {
  @Override
  public Decision handle(ExecutionState state, TerminateWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (state.status().terminal()) return Decision.unchanged();
    List<WorkflowEvent> events = cancelOpenTasks(state, now);
    events.add(new WorkflowTerminated(cmd.reason(), state.output(), now));
    return Decision.accept(events);
  }

  static List<WorkflowEvent> cancelOpenTasks(ExecutionState state, long now) {
    List<WorkflowEvent> events = new ArrayList<>();
    for (TaskState t : state.openTasks()) {
      events.add(new TaskEnded(t.taskId(), TaskStatus.CANCELED, null, null, null, false, now));
    }
    return events;
  }
}
