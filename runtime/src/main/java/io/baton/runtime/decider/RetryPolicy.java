package io.baton.runtime.decider;

import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowTask;

/** Whether a failed attempt is retried, and after how long (API.md, Retries and timeouts). */
final class RetryPolicy {
  private RetryPolicy() {}

  static int maxRetries(WorkflowTask wt, TaskDef def) {
    return wt.retryCount() != null ? wt.retryCount() : def.effectiveRetryCount();
  }

  /**
   * Delay before attempt {@code n + 1} after attempt {@code n} (0-based) failed. Jitter is derived
   * from the task id so the decision stays deterministic on replay.
   */
  static long delayMillis(TaskDef def, int n, String taskId) {
    long base = def.effectiveRetryDelaySeconds();
    int scale = def.backoffScaleFactor() == null ? 1 : def.backoffScaleFactor();
    long seconds = switch (def.retryLogic() == null ? TaskDef.FIXED : def.retryLogic()) {
      case TaskDef.LINEAR_BACKOFF -> base * scale * (n + 1L);
      case TaskDef.EXPONENTIAL_BACKOFF -> base * (1L << Math.min(n, 30));
      default -> base;
    };
    if (def.maxRetryDelaySeconds() != null && def.maxRetryDelaySeconds() > 0) {
      seconds = Math.min(seconds, def.maxRetryDelaySeconds());
    }
    long jitter = 0;
    if (def.backoffJitterMs() != null && def.backoffJitterMs() > 0) {
      jitter = Math.floorMod(taskId.hashCode(), def.backoffJitterMs() + 1);
    }
    return seconds * 1000L + jitter;
  }
}
