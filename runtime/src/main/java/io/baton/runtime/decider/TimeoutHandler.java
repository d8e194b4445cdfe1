package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.baton.runtime.decider.DeciderCommand.CheckTimeouts;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Time passed. Whatever is due times out, in this order: the workflow's {@code timeoutSeconds}
 * (TIME_OUT_WF), then each worker task's {@code totalTimeoutSeconds} (across retries, never
 * retried), {@code timeoutSeconds} (since it started; RETRY, TIME_OUT_WF or ALERT_ONLY),
 * {@code responseTimeoutSeconds} (no update) and {@code pollTimeoutSeconds} (never polled). A
 * system task with none of these due whose lease outlived its runner's bound goes back to its
 * queue ({@link SystemTaskLeases}). Then the walk runs, so WAITs that are due end and delayed
 * operator retries run. Every deadline is derived from the state, so the entity re-arms them
 * after a restart.
 */
final class TimeoutHandler implements CommandHandler<CheckTimeouts> {
  @Override
  public Decision handle(ExecutionState state, CheckTimeouts cmd, long now) {
    if (!state.started() || state.status().terminal()) return Decision.unchanged();
    List<WorkflowEvent> events = new ArrayList<>();
    if (workflowDeadline(state) <= now) {
      events.addAll(TerminateHandler.cancelOpenTasks(state, now));
      events.add(WorkflowFailure.of(state, WorkflowStatus.TIMED_OUT, "Workflow timed out after "
          + state.definition().timeoutSeconds() + " seconds (timeoutSeconds, policy TIME_OUT_WF)",
          List.of(), null, now));
      return Decision.accept(events);
    }
    ExecutionState current = state;
    for (TaskState t : state.openTasks()) {
      if (current.status().terminal()) break;
      Expiry expiry = expiry(current, t, now);
      if (expiry == null) {
        if (SystemTaskLeases.deadline(t) <= now) {
          // Not a timeout of the task: its runner is gone, so the same attempt is offered again.
          WorkflowEvent requeued = new WorkflowEvent.TaskRequeued(t.taskId(),
              JsonNodeFactory.instance.objectNode(), 0, null, true, now);
          events.add(requeued);
          current = EventAppliers.apply(current, requeued);
        }
        continue;
      }
      List<WorkflowEvent> step = UpdateHandler.failure(current, t, TaskStatus.TIMED_OUT, null,
          expiry.reason(), null, List.of(), expiry.retry(), now);
      events.addAll(step);
      current = EventAppliers.applyAll(current, step);
    }
    events.addAll(Progression.advance(current, now));
    return events.isEmpty() ? Decision.unchanged() : Decision.accept(events);
  }

  /** Why a task times out now, and whether the attempt may be retried. */
  private record Expiry(String reason, boolean retry) {}

  private static Expiry expiry(ExecutionState state, TaskState t, long now) {
    if (!t.workerTask()) return null;
    TaskDef def = TaskFactory.taskDef(t.workflowTask());
    if (totalDeadline(state, t, def) <= now) {
      return new Expiry("totalTimeoutSeconds (" + def.totalTimeoutSeconds() + ") passed across all attempts", false);
    }
    if (taskDeadline(t, def) <= now) {
      boolean retry = "RETRY".equals(def.timeoutPolicy());
      return new Expiry("timeoutSeconds (" + def.timeoutSeconds() + ") passed since the task started, policy "
          + def.timeoutPolicy(), retry);
    }
    if (responseDeadline(t) <= now) {
      return new Expiry("responseTimeoutSeconds (" + t.responseTimeoutSeconds()
          + ") passed without an update from worker " + t.workerId(), true);
    }
    if (pollDeadline(t, def) <= now) {
      return new Expiry("pollTimeoutSeconds (" + def.pollTimeoutSeconds() + ") passed and no worker polled it", true);
    }
    return null;
  }

  static long workflowDeadline(ExecutionState state) {
    WorkflowDef def = state.definition();
    if (!WorkflowDef.TIME_OUT_WF.equals(def.timeoutPolicy()) || def.timeoutSeconds() == null
        || def.timeoutSeconds() <= 0) {
      return Long.MAX_VALUE;
    }
    return state.createTime() + def.timeoutSeconds() * 1000L;
  }

  static long responseDeadline(TaskState t) {
    if (t.status() != TaskStatus.IN_PROGRESS || !t.workerTask() || t.responseTimeoutSeconds() <= 0) {
      return Long.MAX_VALUE;
    }
    return t.updateTime() + t.responseTimeoutSeconds() * 1000L;
  }

  /** timeoutSeconds counts from the first poll; ALERT_ONLY never acts. */
  private static long taskDeadline(TaskState t, TaskDef def) {
    if (t.status() != TaskStatus.IN_PROGRESS || t.startTime() == 0 || def.timeoutSeconds() == null
        || def.timeoutSeconds() <= 0 || "ALERT_ONLY".equals(def.timeoutPolicy())) {
      return Long.MAX_VALUE;
    }
    return t.startTime() + def.timeoutSeconds() * 1000L;
  }

  /** pollTimeoutSeconds counts from scheduling, for an attempt no worker has polled yet. */
  private static long pollDeadline(TaskState t, TaskDef def) {
    if (t.status() != TaskStatus.SCHEDULED || t.pollCount() > 0 || def.pollTimeoutSeconds() == null
        || def.pollTimeoutSeconds() <= 0) {
      return Long.MAX_VALUE;
    }
    return Math.max(t.scheduledTime(), t.visibleAt()) + def.pollTimeoutSeconds() * 1000L;
  }

  /** totalTimeoutSeconds counts from the first attempt of the step. */
  private static long totalDeadline(ExecutionState state, TaskState t, TaskDef def) {
    if (def.totalTimeoutSeconds() == null || def.totalTimeoutSeconds() <= 0) return Long.MAX_VALUE;
    long first = t.scheduledTime();
    for (TaskState other : state.tasks()) {
      if (other.referenceTaskName().equals(t.referenceTaskName())) first = Math.min(first, other.scheduledTime());
    }
    return first + def.totalTimeoutSeconds() * 1000L;
  }

  /** The earliest deadline of the execution, for the entity's timer. */
  static long nextDeadline(ExecutionState state) {
    long next = Long.MAX_VALUE;
    if (!state.started() || state.status().terminal()) return next;
    next = Math.min(next, workflowDeadline(state));
    for (TaskState t : state.openTasks()) {
      if (t.workerTask()) {
        TaskDef def = TaskFactory.taskDef(t.workflowTask());
        next = Math.min(next, responseDeadline(t));
        next = Math.min(next, SystemTaskLeases.deadline(t));
        next = Math.min(next, taskDeadline(t, def));
        next = Math.min(next, pollDeadline(t, def));
        next = Math.min(next, totalDeadline(state, t, def));
      } else {
        // Operators the decider runs itself wake on their own time: a WAIT's end, a delayed retry.
        next = Math.min(next, t.visibleAt());
      }
    }
    return next;
  }
}
