package io.baton.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The open loop: workflow i is started at origin + i/rate whether or not earlier starts were
 * answered, and its latency is measured from that scheduled instant, so a server that stalls is
 * charged for the whole stall (no coordinated omission). Latencies count for workflows scheduled
 * inside the measured window.
 */
final class LatencyRun {
  /** Bounds memory if the server stops answering; a start skipped for this counts as an error. */
  private static final int MAX_UNANSWERED = 10_000;

  private final Options options;
  private final ConductorClient client;

  LatencyRun(Options options, ConductorClient client) {
    this.options = options;
    this.client = client;
  }

  int run() throws InterruptedException {
    Workload workload = options.workload();
    String runId = Runs.register(client, workload);
    long origin = System.nanoTime();
    Window window = Window.after(origin, options.warmup(), options.duration());
    long drainEnd = window.endNanos() + options.drain().toNanos();
    long hardStop = drainEnd + options.requestTimeout().toNanos();

    RunStats stats = new RunStats();
    Executions executions = new Executions(workload.workerTasks(), f -> {
      stats.finished.increment();
      if (window.contains(f.endNanos())) stats.windowFinished.increment();
      if (window.contains(f.startNanos())) stats.latencies.record(f.latencyNanos());
    });
    Semaphore unanswered = new Semaphore(MAX_UNANSWERED);
    AtomicBoolean working = new AtomicBoolean(true);

    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < options.workers(); i++) {
      Worker w = new Worker(client, options, "loadtest-" + i, runId, working::get, hardStop, executions, stats, window);
      workers.add(Runs.thread("worker-" + i, w));
    }
    Thread scheduler = Runs.thread("scheduler",
        () -> schedule(workload, runId, origin, window.endNanos(), unanswered, executions, stats));
    try (Progress progress = new Progress(origin, stats, executions::openCount,
        () -> Runs.phase(System.nanoTime(), window), options.progress().toMillis())) {
      workers.forEach(Thread::start);
      scheduler.start();
      scheduler.join();
      while ((executions.openCount() > 0 || unanswered.availablePermits() < MAX_UNANSWERED)
          && System.nanoTime() < drainEnd) {
        Thread.sleep(100);
      }
      working.set(false);
      for (Thread t : workers) t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(hardStop - System.nanoTime())));
    }
    // An execution that never finished must not vanish from the percentiles: it counts with the
    // time it has waited so far, a lower bound of its latency.
    long now = System.nanoTime();
    for (long start : executions.openStarts()) {
      if (window.contains(start)) stats.latencies.record(now - start);
    }
    long stillUnanswered = MAX_UNANSWERED - unanswered.availablePermits();
    if (stillUnanswered > 0) System.out.println("starts never answered: " + stillUnanswered);
    stats.startErrors.add(stillUnanswered);
    return Runs.finish(options, client, stats, executions, window);
  }

  private void schedule(Workload workload, String runId, long origin, long endNanos, Semaphore unanswered,
      Executions executions, RunStats stats) {
    double periodNanos = 1e9 / options.rate();
    for (long i = 0; ; i++) {
      long at = origin + Math.round(i * periodNanos);
      if (at >= endNanos) return;
      for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (!unanswered.tryAcquire()) {
        stats.dropped.increment();
        continue;
      }
      long sent = System.nanoTime();
      client.startWorkflowAsync(workload.workflowName(), runId, Workload.input(i)).whenComplete((id, error) -> {
        unanswered.release();
        stats.startCalls.record(System.nanoTime() - sent);
        if (error != null) {
          stats.startErrors.increment();
          Errors.note(error);
        } else {
          stats.started.increment();
          executions.started(id, at);
        }
      });
    }
  }
}
