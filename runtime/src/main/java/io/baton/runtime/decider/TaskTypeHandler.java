package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;

/**
 * What one task type does in a decision: how a step of its type starts, and when the step is done
 * so the walk may pass it (operators move their children along here).
 */
interface TaskTypeHandler {
  /** Emits the events that create the step's task (and whatever happens at once). */
  void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous);

  /** Whether the step is done; may emit events that move it along. */
  default boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    return task.status().terminal() && task.status().successful();
  }
}
