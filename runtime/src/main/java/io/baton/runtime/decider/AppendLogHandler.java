package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.AppendTaskLog;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent.TaskLogAppended;
import java.util.List;

/** Records a worker's log line against a task. */
final class AppendLogHandler implements CommandHandler<AppendTaskLog> {
  @Override
  public Decision handle(ExecutionState state, AppendTaskLog cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (state.task(cmd.taskId()).isEmpty()) {
      return Decision.reject(Rejection.notFound("task " + cmd.taskId() + " not found"));
    }
    return Decision.accept(List.of(new TaskLogAppended(cmd.taskId(), cmd.log(), now)));
  }
}
