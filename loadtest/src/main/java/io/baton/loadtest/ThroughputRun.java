package io.baton.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The closed loop: starters keep at most {@code --in-flight} workflows open, workers complete
 * their tasks at once. After warm-up, completions in the measured window count; after the
 * window, no more starts, and the open workflows get {@code --drain} to finish.
 */
final class ThroughputRun {
  private final Options options;
  private final ConductorClient client;

  ThroughputRun(Options options, ConductorClient client) {
    this.options = options;
    this.client = client;
  }

  int run() throws InterruptedException {
    Workload workload = options.workload();
    String runId = Runs.register(client, workload);
    long origin = System.nanoTime();
    Window window = Window.after(origin, options.warmup(), options.duration());
    long drainEnd = window.endNanos() + options.drain().toNanos();
    // Every thread stops by itself at the latest here, whatever the server does.
    long hardStop = drainEnd + options.requestTimeout().toNanos();

    RunStats stats = new RunStats();
    Semaphore inFlight = new Semaphore(options.inFlight());
    Executions executions = new Executions(workload.workerTasks(), f -> {
      inFlight.release();
      stats.finished.increment();
      if (window.contains(f.endNanos())) {
        stats.windowFinished.increment();
        stats.latencies.record(f.latencyNanos());
      }
    });
    AtomicBoolean working = new AtomicBoolean(true);

    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < options.workers(); i++) {
      Worker w = new Worker(client, options, "loadtest-" + i, runId, working::get, hardStop, executions, stats, window);
      threads.add(Runs.thread("worker-" + i, w));
    }
    for (int i = 0; i < options.starters(); i++) {
      threads.add(Runs.thread("starter-" + i, () -> startLoop(workload, runId, window.endNanos(), inFlight, executions, stats)));
    }
    try (Progress progress = new Progress(origin, stats, executions::openCount,
        () -> Runs.phase(System.nanoTime(), window), options.progress().toMillis())) {
      threads.forEach(Thread::start);
      for (int i = options.workers(); i < threads.size(); i++) threads.get(i).join();
      Runs.awaitDrained(executions, drainEnd);
      working.set(false);
      for (Thread t : threads) t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(hardStop - System.nanoTime())));
    }
    return Runs.finish(options, client, stats, executions, window);
  }

  private void startLoop(Workload workload, String runId, long endNanos, Semaphore inFlight, Executions executions,
      RunStats stats) {
    long seq = 0;
    while (System.nanoTime() < endNanos) {
      try {
        if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
      } catch (InterruptedException e) {
        return;
      }
      if (System.nanoTime() >= endNanos) {
        inFlight.release();
        return;
      }
      long sent = System.nanoTime();
      try {
        String id = client.startWorkflow(workload.workflowName(), runId, Workload.input(seq++));
        stats.startCalls.record(System.nanoTime() - sent);
        stats.started.increment();
        executions.started(id, sent);
      } catch (ConductorClient.CallFailed e) {
        inFlight.release();
        stats.startErrors.increment();
        Errors.note(e);
        Runs.pause();
      }
    }
  }
}
