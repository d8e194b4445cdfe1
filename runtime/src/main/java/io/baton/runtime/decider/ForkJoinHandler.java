package io.baton.runtime.decider;

import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import java.util.List;

/**
 * FORK_JOIN: starts every branch at once and is passed at once; the JOIN that follows decides
 * when the workflow goes on. Branches keep being walked on every pass.
 */
final class ForkJoinHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.COMPLETED, task.outputData(), task.visibleAt());
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    walkBranches(walk, task.workflowTask().forkTasks(), suffix);
    return walk.running();
  }

  static void walkBranches(Walk walk, List<List<WorkflowTask>> branches, String suffix) {
    if (branches == null) return;
    for (List<WorkflowTask> branch : branches) {
      if (!walk.running()) return;
      walk.walk(branch, suffix);
    }
  }
}
