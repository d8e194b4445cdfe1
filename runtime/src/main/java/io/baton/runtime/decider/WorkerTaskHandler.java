package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.WorkflowEvent.TaskScheduled;

/** SIMPLE and every type Baton does not know: the task waits in its queue for a worker. */
final class WorkerTaskHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    walk.emit(new TaskScheduled(walk.newTask(wt, suffix), walk.now()));
  }
}
