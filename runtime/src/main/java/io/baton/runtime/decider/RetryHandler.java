package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.RetryWorkflow;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.TaskScheduled;
import io.baton.runtime.execution.WorkflowEvent.WorkflowRetried;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retry a workflow that FAILED, TIMED_OUT or was TERMINATED: the latest attempt of every step
 * that did not succeed gets a new attempt (a new task id, {@code retriedTaskId} set), the reason
 * is cleared, and the workflow runs on from there.
 */
final class RetryHandler implements CommandHandler<RetryWorkflow> {
  private static final Set<WorkflowStatus> RETRYABLE =
      Set.of(WorkflowStatus.FAILED, WorkflowStatus.TIMED_OUT, WorkflowStatus.TERMINATED);

  @Override
  public Decision handle(ExecutionState state, RetryWorkflow cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (!RETRYABLE.contains(state.status())) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " is " + state.status()
          + "; only a failed, timed out or terminated workflow can be retried"));
    }
    List<WorkflowEvent> events = new ArrayList<>();
    events.add(new WorkflowRetried(now));
    ExecutionState current = EventAppliers.applyAll(state, events);
    Map<String, TaskState> latest = new LinkedHashMap<>();
    for (TaskState t : state.tasks()) latest.put(t.referenceTaskName(), t);
    for (TaskState t : latest.values()) {
      if (!t.status().terminal() || t.status().successful()) continue;
      TaskState attempt = TaskFactory.retryOf(current, t, 0, now);
      TaskScheduled again = new TaskScheduled(attempt, now);
      events.add(again);
      current = EventAppliers.apply(current, again);
      if (cmd.resumeSubworkflowTasks() && TaskTypes.SUB_WORKFLOW.equals(t.taskType()) && t.subWorkflowId() != null) {
        // The new attempt resumes the child it had: the child is retried, not replaced.
        var resumed = new WorkflowEvent.SubWorkflowResumed(attempt.taskId(), t.subWorkflowId(), now);
        events.add(resumed);
        current = EventAppliers.apply(current, resumed);
      }
    }
    return Decision.accept(Progression.withConsequences(state, events, now));
  }
}
