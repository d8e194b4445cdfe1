package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.Signal;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import java.util.List;

/**
 * {@code POST /tasks/{workflowId}/{status}/signal}: the task that waits for a signal (an open WAIT
 * or HUMAN, the earliest if several) gets the status and output. None waiting is a conflict.
 */
public final class SignalHandler implements CommandHandler<Signal> {
  private static final List<String> SIGNALLED = List.of(TaskTypes.WAIT, TaskTypes.HUMAN);
  private final UpdateHandler update = new UpdateHandler();

  /** The task a signal goes to, or null. */
  public static TaskState target(ExecutionState state) {
    for (TaskState t : state.openTasks()) {
      if (SIGNALLED.contains(t.taskType())) return t;
    }
    return null;
  }

  @Override
  public Decision handle(ExecutionState state, Signal cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    TaskState t = target(state);
    if (t != null) {
      return update.handle(state, new UpdateTask(new TaskResult(state.workflowId(), t.taskId(),
          cmd.status(), cmd.output(), null, null, null, null, null)), now);
    }
    return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " has no task waiting for a signal"));
  }
}
