package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.TaskScheduled;
import io.baton.runtime.execution.WorkflowEvent.WorkflowCompleted;
import io.baton.runtime.execution.WorkflowStatus;
import io.baton.runtime.expr.ParameterResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a running execution forward after something happened: schedules what comes next, or
 * completes the workflow when nothing does. Called by handlers on the state their own events
 * produced, so one decision carries the whole transition.
 */
final class Progression {
  private Progression() {}

  /** The events that follow {@code state}; the caller appends them to its own. */
  static List<WorkflowEvent> advance(ExecutionState state, long now) {
    if (state.status() != WorkflowStatus.RUNNING) return List.of();
    List<WorkflowEvent> events = new ArrayList<>();
    ExecutionState current = state;
    WorkflowTask next;
    if (current.tasks().isEmpty()) {
      next = first(current.definition());
    } else {
      TaskState last = current.tasks().get(current.tasks().size() - 1);
      if (!last.status().terminal() || !last.status().successful()) return List.of();
      next = after(current.definition(), last.referenceTaskName());
    }
    if (next == null) {
      events.add(new WorkflowCompleted(workflowOutput(current), now));
      return events;
    }
    TaskState task = TaskFactory.firstAttempt(current, next, now);
    events.add(new TaskScheduled(task, now));
    return events;
  }

  /** Events of a handler, followed by whatever they set in motion. */
  static List<WorkflowEvent> withConsequences(ExecutionState before, List<WorkflowEvent> events,
      long now) {
    ExecutionState after = EventAppliers.applyAll(before, events);
    List<WorkflowEvent> all = new ArrayList<>(events);
    all.addAll(advance(after, now));
    return all;
  }

  private static WorkflowTask first(WorkflowDef def) {
    return def.tasks() == null || def.tasks().isEmpty() ? null : def.tasks().get(0);
  }

  private static WorkflowTask after(WorkflowDef def, String ref) {
    List<WorkflowTask> tasks = def.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).taskReferenceName().equals(ref)) {
        return i + 1 < tasks.size() ? tasks.get(i + 1) : null;
      }
    }
    return null;
  }

  /** outputParameters resolved, or the last task's output when the definition names none. */
  static ObjectNode workflowOutput(ExecutionState state) {
    ObjectNode params = state.definition().outputParameters();
    if (params != null && !params.isEmpty()) {
      return ParameterResolver.resolveObject(params, new StateContext(state), null);
    }
    if (state.tasks().isEmpty()) return state.output();
    TaskState last = state.tasks().get(state.tasks().size() - 1);
    return last.outputData() == null ? state.output() : last.outputData().deepCopy();
  }
}
