package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.expr.ParameterResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a running execution forward after something happened (see {@link Walk}). Called by
 * handlers on the state their own events produced, so one decision carries the whole transition.
 */
final class Progression {
  private Progression() {}

  /** The events that follow {@code state}; the caller appends them to its own. */
  static List<WorkflowEvent> advance(ExecutionState state, long now) {
    return Walk.advance(state, now);
  }

  /** Events of a handler, followed by whatever they set in motion. */
  static List<WorkflowEvent> withConsequences(ExecutionState before, List<WorkflowEvent> events,
      long now) {
    ExecutionState after = EventAppliers.applyAll(before, events);
    List<WorkflowEvent> all = new ArrayList<>(events);
    all.addAll(advance(after, now));
    return all;
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
