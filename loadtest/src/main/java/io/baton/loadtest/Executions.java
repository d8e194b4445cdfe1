package io.baton.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The workflows of this run that have not finished yet, from the load generator's side: one is
 * finished when its start was answered and its last worker task's update was acknowledged.
 *
 * <p>A worker can complete a task before the starter has read the start's answer, so either side
 * may be first to mention an id; whichever completes the picture reports the execution finished.
 */
public final class Executions {
  /** A finished execution: its start (as the run defines it) and when its last update was acknowledged. */
  public record Finished(String workflowId, long startNanos, long endNanos) {
    public long latencyNanos() {
      return endNanos - startNanos;
    }
  }

  private record Open(long startNanos, int tasksDone, long lastAckNanos) {
    static final long UNKNOWN = Long.MIN_VALUE;

    boolean started() {
      return startNanos != UNKNOWN;
    }
  }

  private final int tasksPerExecution;
  private final Consumer<Finished> onFinished;
  private final ConcurrentHashMap<String, Open> open = new ConcurrentHashMap<>();
  private final List<String> finishedIds = new ArrayList<>();

  public Executions(int tasksPerExecution, Consumer<Finished> onFinished) {
    if (tasksPerExecution < 1) throw new IllegalArgumentException("an execution needs at least one worker task");
    this.tasksPerExecution = tasksPerExecution;
    this.onFinished = onFinished;
  }

  /** The start of {@code workflowId} was answered; {@code startNanos} is when it was sent (or scheduled). */
  public void started(String workflowId, long startNanos) {
    Finished[] done = new Finished[1];
    open.compute(workflowId, (id, o) -> {
      Open next = o == null ? new Open(startNanos, 0, 0) : new Open(startNanos, o.tasksDone, o.lastAckNanos);
      return finishedOrOpen(id, next, done);
    });
    report(done[0]);
  }

  /** A worker's update for one of the workflow's tasks was acknowledged at {@code ackNanos}. */
  public void taskDone(String workflowId, long ackNanos) {
    Finished[] done = new Finished[1];
    open.compute(workflowId, (id, o) -> {
      Open next = o == null
          ? new Open(Open.UNKNOWN, 1, ackNanos)
          : new Open(o.startNanos, o.tasksDone + 1, Math.max(o.lastAckNanos, ackNanos));
      return finishedOrOpen(id, next, done);
    });
    report(done[0]);
  }

  private Open finishedOrOpen(String id, Open o, Finished[] done) {
    if (o.started() && o.tasksDone >= tasksPerExecution) {
      done[0] = new Finished(id, o.startNanos, o.lastAckNanos);
      return null;
    }
    return o;
  }

  private void report(Finished f) {
    if (f == null) return;
    synchronized (finishedIds) {
      finishedIds.add(f.workflowId());
    }
    onFinished.accept(f);
  }

  /** Started and not yet finished. */
  public long openCount() {
    return open.values().stream().filter(Open::started).count();
  }

  /** When each execution started and not finished was started. */
  public List<Long> openStarts() {
    return open.values().stream().filter(Open::started).map(Open::startNanos).toList();
  }

  /** The ids of executions started and not finished. */
  public List<String> openIds() {
    return open.entrySet().stream().filter(e -> e.getValue().started()).map(java.util.Map.Entry::getKey).toList();
  }

  public List<String> finishedIds() {
    synchronized (finishedIds) {
      return List.copyOf(finishedIds);
    }
  }
}
