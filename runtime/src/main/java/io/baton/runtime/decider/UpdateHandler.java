package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.TaskEnded;
import io.baton.runtime.execution.WorkflowEvent.TaskLogAppended;
import io.baton.runtime.execution.WorkflowEvent.TaskRequeued;
import io.baton.runtime.execution.WorkflowEvent.TaskScheduled;
import io.baton.runtime.execution.WorkflowEvent.WorkflowFailed;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a worker's report. An update for a task or workflow that already ended changes nothing
 * and still succeeds, so a worker's retry of the same update is harmless.
 */
final class UpdateHandler implements CommandHandler<UpdateTask> {
  @Override
  public Decision handle(ExecutionState state, UpdateTask cmd, long now) {
    TaskResult r = cmd.result();
    if (!state.started()) {
      return Decision.reject(Rejection.notFound("workflow " + r.workflowInstanceId() + " not found"));
    }
    Optional<TaskState> found = state.task(r.taskId());
    if (found.isEmpty()) {
      return Decision.reject(Rejection.notFound(
          "task " + r.taskId() + " not found in workflow " + state.workflowId()));
    }
    TaskResult.Status status;
    try {
      status = TaskResult.Status.valueOf(r.status());
    } catch (RuntimeException e) {
      return Decision.reject(Rejection.invalid("status must be one of IN_PROGRESS, COMPLETED, "
          + "FAILED, FAILED_WITH_TERMINAL_ERROR, not '" + r.status() + "'"));
    }
    TaskState task = found.get();
    if (task.status().terminal() || state.status().terminal()) return Decision.unchanged();

    List<WorkflowEvent> events = new ArrayList<>(logEvents(r, now));
    ObjectNode output = r.outputData() == null ? JsonNodeFactory.instance.objectNode() : r.outputData();
    switch (status) {
      case IN_PROGRESS -> {
        // Only worker tasks go back to a queue; a WAIT or HUMAN just stays in progress.
        if (!task.workerTask()) return events.isEmpty() ? Decision.unchanged() : Decision.accept(events);
        long callback = r.callbackAfterSeconds() == null ? 0 : Math.max(0, r.callbackAfterSeconds());
        events.add(new TaskRequeued(task.taskId(), output, callback, r.workerId(), false, now));
        return Decision.accept(events);
      }
      case COMPLETED -> events.add(new TaskEnded(task.taskId(), TaskStatus.COMPLETED, output,
          r.reasonForIncompletion(), r.workerId(), false, now));
      case FAILED, FAILED_WITH_TERMINAL_ERROR -> {
        TaskStatus failedAs = TaskStatus.valueOf(status.name());
        return Decision.accept(
            failure(state, task, failedAs, output, r.reasonForIncompletion(), r.workerId(), events, now));
      }
    }
    return Decision.accept(Progression.withConsequences(state, events, now));
  }

  /** A failed attempt: retried, tolerated (optional), or the end of the workflow. */
  static List<WorkflowEvent> failure(ExecutionState state, TaskState task, TaskStatus failedAs,
      ObjectNode output, String reason, String workerId, List<WorkflowEvent> before, long now) {
    return failure(state, task, failedAs, output, reason, workerId, before, true, now);
  }

  /** {@code mayRetry} false: the failure would repeat (a definition or input error of an operator). */
  static List<WorkflowEvent> failure(ExecutionState state, TaskState task, TaskStatus failedAs,
      ObjectNode output, String reason, String workerId, List<WorkflowEvent> before, boolean mayRetry,
      long now) {
    List<WorkflowEvent> events = new ArrayList<>(before);
    WorkflowTask wt = task.workflowTask();
    TaskDef def = TaskFactory.taskDef(wt);
    if (mayRetry && failedAs.retriable() && task.retryCount() < RetryPolicy.maxRetries(wt, def)) {
      events.add(new TaskEnded(task.taskId(), failedAs, output, reason, workerId, true, now));
      ExecutionState afterEnd = EventAppliers.applyAll(state, events);
      long delay = RetryPolicy.delayMillis(def, task.retryCount(), task.taskId());
      events.add(new TaskScheduled(TaskFactory.retryOf(afterEnd, task, delay, now), now));
      return events;
    }
    if (wt.optionalOrFalse()) {
      events.add(new TaskEnded(task.taskId(), TaskStatus.COMPLETED_WITH_ERRORS, output, reason,
          workerId, false, now));
      return Progression.withConsequences(state, events, now);
    }
    events.add(new TaskEnded(task.taskId(), failedAs, output, reason, workerId, false, now));
    ExecutionState afterEnd = EventAppliers.applyAll(state, events);
    events.addAll(TerminateHandler.cancelOpenTasks(afterEnd, now));
    WorkflowStatus end = failedAs == TaskStatus.TIMED_OUT ? WorkflowStatus.TIMED_OUT : WorkflowStatus.FAILED;
    String why = "Task " + task.taskId() + " failed with status: " + failedAs + " and reason: '"
        + (reason == null ? "" : reason) + "'";
    events.add(WorkflowFailure.of(afterEnd, end, why, List.of(task.referenceTaskName()), task.taskId(), now));
    return events;
  }

  private static List<WorkflowEvent> logEvents(TaskResult r, long now) {
    if (r.logs() == null || r.logs().isEmpty()) return List.of();
    List<WorkflowEvent> events = new ArrayList<>();
    for (TaskResult.Log log : r.logs()) {
      if (log == null || log.log() == null) continue;
      long at = log.createdTime() == null || log.createdTime() <= 0 ? now : log.createdTime();
      events.add(new TaskLogAppended(r.taskId(), log.log(), at));
    }
    return events;
  }
}
