package io.baton.loadtest;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Prints a progress line every few seconds on its own thread, until closed. */
final class Progress implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "progress");
    t.setDaemon(true);
    return t;
  });
  private final long originNanos;
  private final RunStats stats;
  private final LongSupplier open;
  private final Supplier<String> phase;
  private long lastNanos;
  private long lastFinished;
  private long lastTasks;

  Progress(long originNanos, RunStats stats, LongSupplier open, Supplier<String> phase, long periodMillis) {
    this.originNanos = originNanos;
    this.stats = stats;
    this.open = open;
    this.phase = phase;
    this.lastNanos = originNanos;
    timer.scheduleAtFixedRate(this::print, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private synchronized void print() {
    long now = System.nanoTime();
    long finished = stats.finished.sum();
    long tasks = stats.tasksDone.sum();
    double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
    System.out.println(String.format(Locale.ROOT,
        "[%6.1fs %-7s] started=%d completed=%d open=%d wf/s=%.1f tasks/s=%.1f errors=%d",
        (now - originNanos) / 1e9, phase.get(), stats.started.sum(), finished, open.getAsLong(),
        (finished - lastFinished) / seconds, (tasks - lastTasks) / seconds, stats.errors()));
    lastNanos = now;
    lastFinished = finished;
    lastTasks = tasks;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
