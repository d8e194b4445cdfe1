package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;

/**
 * WAIT: in progress until its time ({@code duration} or {@code until}) or, with neither, until an
 * update. The wake-up time is in the task, so the entity's timer fires after a restart too.
 */
final class WaitHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    long wakeAt;
    try {
      wakeAt = wakeAt(task, walk.now());
    } catch (IllegalArgumentException e) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), Long.MAX_VALUE);
      walk.fail(task, "WAIT '" + wt.taskReferenceName() + "': " + e.getMessage());
      return;
    }
    walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), wakeAt);
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    if (task.status().terminal()) return task.status().successful();
    if (task.visibleAt() > walk.now()) return false;
    walk.complete(task, task.outputData());
    return true;
  }

  private static long wakeAt(TaskState task, long now) {
    JsonNode duration = task.inputData().get("duration");
    JsonNode until = task.inputData().get("until");
    if (duration != null && !duration.isNull()) return now + WaitTimes.durationMillis(duration.asText());
    if (until != null && !until.isNull()) return WaitTimes.untilMillis(until.asText());
    return Long.MAX_VALUE;
  }
}
