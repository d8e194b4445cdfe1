package io.baton.bridge;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's record of the tasks its executions offered and that no queue has settled yet, per
 * queue name. Queues live in memory: when one restarts (its node died, or its shard moved), the
 * ledgers of all nodes name the workflows whose offers it lost, and those are woken to offer
 * again. Executions on many threads write here, so it is concurrent.
 *
 * <p>Bounded: past {@code capacity} entries a queue is marked overflowed instead of recorded, and
 * its restart wakes every execution of this node (a coarser but complete fallback).
 */
final class OfferLedger {
  private final int capacity;
  private final Map<String, Map<String, String>> byQueue = new ConcurrentHashMap<>();
  private final Set<String> overflowed = ConcurrentHashMap.newKeySet();
  private final AtomicInteger size = new AtomicInteger();

  OfferLedger(int capacity) {
    this.capacity = capacity;
  }

  /** What a restarted queue lost: the workflows to wake, or all of this node's when overflowed. */
  record Lost(Set<String> workflowIds, boolean everyExecution) {}

  void record(String queueName, String taskId, String workflowId) {
    Map<String, String> tasks = byQueue.computeIfAbsent(queueName, q -> new ConcurrentHashMap<>());
    if (tasks.containsKey(taskId)) return;
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      overflowed.add(queueName);
      return;
    }
    if (tasks.putIfAbsent(taskId, workflowId) != null) size.decrementAndGet();
  }

  void forget(String queueName, Collection<String> taskIds) {
    Map<String, String> tasks = byQueue.get(queueName);
    if (tasks == null) return;
    for (String taskId : taskIds) {
      if (tasks.remove(taskId) != null) size.decrementAndGet();
    }
  }

  /**
   * Takes out everything recorded for a queue. The wakes it leads to make the executions offer
   * again, which records again what is still outstanding.
   */
  Lost drain(String queueName) {
    boolean all = overflowed.remove(queueName);
    Map<String, String> tasks = byQueue.get(queueName);
    Set<String> workflows = new HashSet<>();
    if (tasks != null) {
      for (String taskId : Set.copyOf(tasks.keySet())) {
        String workflowId = tasks.remove(taskId);
        if (workflowId != null) {
          size.decrementAndGet();
          workflows.add(workflowId);
        }
      }
    }
    return new Lost(workflows, all);
  }

  int size() {
    return size.get();
  }
}
