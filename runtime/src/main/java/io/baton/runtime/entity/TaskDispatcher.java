package io.baton.runtime.entity;

/**
 * Where executions send tasks that wait for a worker. The worker bridge implements it; the runtime
 * only knows this port, so imports keep pointing down (bridge -> runtime).
 */
public interface TaskDispatcher {
  /** Makes a task pollable at {@code visibleAt} (epoch ms). Offering the same task twice is harmless. */
  void offer(QueuedTask task);

  /** The task will never be leased (canceled); the queue may forget it. */
  void withdraw(String taskType, String domain, String taskId);

  /** What a queue needs to know about a task to hand it out. */
  record QueuedTask(String taskType, String domain, String taskId, String workflowId,
      int priority, long visibleAt) implements io.baton.runtime.CborSerializable {}
}
