package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.VariablesSet;

/** SET_VARIABLE: its resolved input is merged into the workflow's variables. */
final class SetVariableHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.COMPLETED, task.outputData(), task.visibleAt());
    walk.emit(new VariablesSet(task.taskId(), task.inputData(), walk.now()));
  }
}
