package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;

/** HUMAN: in progress until someone updates it (POST /tasks or a signal endpoint). */
final class HumanHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), Long.MAX_VALUE);
  }
}
