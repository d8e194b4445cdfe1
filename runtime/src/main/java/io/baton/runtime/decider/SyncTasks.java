package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.script.ScriptFailure;

/**
 * Tasks the decider computes itself (INLINE, JSON_JQ_TRANSFORM): a SCHEDULED attempt runs when it
 * is due (a retry may be delayed) and ends COMPLETED with its output or FAILED with the reason.
 */
final class SyncTasks {
  private SyncTasks() {}

  interface Computation {
    ObjectNode compute() throws ScriptFailure;
  }

  static boolean run(Walk walk, TaskState task, Computation computation) {
    if (task.status().terminal()) return task.status().successful();
    if (task.status() != TaskStatus.SCHEDULED || task.visibleAt() > walk.now()) return false;
    try {
      walk.complete(task, computation.compute());
      return true;
    } catch (ScriptFailure e) {
      walk.failRetriable(task, e.getMessage());
      TaskState after = walk.latest(task.referenceTaskName());
      return walk.running() && after != null && after.status().terminal() && after.status().successful();
    }
  }
}
