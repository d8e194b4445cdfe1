package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.SubWorkflowStarted;

/**
 * SUB_WORKFLOW: each attempt starts a child workflow (by name and version, or an inline
 * definition) with the task's input, and ends with the child's end status and output. The child
 * is started by the entity after this decision is persisted.
 */
final class SubWorkflowHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.SCHEDULED, task.outputData(), task.visibleAt());
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    if (task.status().terminal()) return task.status().successful();
    if (task.status() == TaskStatus.SCHEDULED && task.visibleAt() <= walk.now()) {
      walk.emit(new SubWorkflowStarted(task.taskId(), ChildIds.of(task.taskId()), walk.now()));
    }
    return false;
  }
}
