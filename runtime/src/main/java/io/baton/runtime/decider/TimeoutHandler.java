package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.CheckTimeouts;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Time passed. Attempts whose worker went quiet (IN_PROGRESS with no update for
 * responseTimeoutSeconds) become TIMED_OUT and are retried like a failure; then the walk runs, so
 * WAITs that are due end and delayed operator retries run. Deadlines live in the state, so the
 * entity re-arms them after a restart.
 */
final class TimeoutHandler implements CommandHandler<CheckTimeouts> {
  @Override
  public Decision handle(ExecutionState state, CheckTimeouts cmd, long now) {
    if (!state.started() || state.status().terminal()) return Decision.unchanged();
    List<WorkflowEvent> events = new ArrayList<>();
    ExecutionState current = state;
    for (TaskState t : state.openTasks()) {
      if (!current.status().equals(state.status())) break;
      if (t.status() != TaskStatus.IN_PROGRESS || responseDeadline(t) > now) continue;
      String reason = "responseTimeoutSeconds (" + t.responseTimeoutSeconds()
          + ") passed without an update from worker " + t.workerId();
      List<WorkflowEvent> step = UpdateHandler.failure(current, t, TaskStatus.TIMED_OUT,
          null, reason, null, List.of(), now);
      events.addAll(step);
      current = EventAppliers.applyAll(current, step);
    }
    events.addAll(Progression.advance(current, now));
    return events.isEmpty() ? Decision.unchanged() : Decision.accept(events);
  }

  /** When an IN_PROGRESS attempt times out, or Long.MAX_VALUE when it never does. */
  static long responseDeadline(TaskState t) {
    if (t.status() != TaskStatus.IN_PROGRESS || !t.workerTask() || t.responseTimeoutSeconds() <= 0) {
      return Long.MAX_VALUE;
    }
    return t.updateTime() + t.responseTimeoutSeconds() * 1000L;
  }

  /** The earliest deadline of the execution, for the entity's timer. */
  static long nextDeadline(ExecutionState state) {
    long next = Long.MAX_VALUE;
    if (!state.started() || state.status().terminal()) return next;
    for (TaskState t : state.openTasks()) {
      next = Math.min(next, responseDeadline(t));
      // Operators the decider runs itself wake on their own time: a WAIT's end, a delayed retry.
      if (!t.workerTask()) next = Math.min(next, t.visibleAt());
    }
    return next;
  }
}
