package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;

/** NOOP: done as soon as it starts. */
final class NoopHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.COMPLETED, task.outputData(), task.visibleAt());
  }
}
