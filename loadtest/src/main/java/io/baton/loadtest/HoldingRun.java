package io.baton.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Starts {@code --count} workflows that each wait on a HUMAN task, reads the server's memory while
 * they all wait, then completes every one by reference name and reports how long that took.
 */
final class HoldingRun {
  private static final Workload WORKLOAD = Workload.HUMAN;

  private final Options options;
  private final ConductorClient client;

  HoldingRun(Options options, ConductorClient client) {
    this.options = options;
    this.client = client;
  }

  int run() throws InterruptedException {
    String runId = Runs.register(client, WORKLOAD);
    int count = options.count();
    ServerMemory.Reading before = ServerMemory.read(client, options.serverPid());
    System.out.println("server memory before: " + before.describe());

    RunStats stats = new RunStats();
    AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(count);
    long origin = System.nanoTime();
    long startDeadline = origin + options.phaseLimit().toNanos();
    AtomicInteger next = new AtomicInteger();
    try (Progress progress = new Progress(origin, stats, () -> stats.started.sum() - stats.finished.sum(),
        () -> "start", options.progress().toMillis())) {
      runThreads(options.starters(), "starter", () -> {
        for (int i = next.getAndIncrement(); i < count && System.nanoTime() < startDeadline; i = next.getAndIncrement()) {
          try {
            ids.set(i, client.startWorkflow(WORKLOAD.workflowName(), runId, Workload.input(i)));
            stats.started.increment();
          } catch (ConductorClient.CallFailed e) {
            stats.startErrors.increment();
            Errors.note(e);
            Runs.pause();
          }
        }
      });
    }
    double startSeconds = (System.nanoTime() - origin) / 1e9;
    long started = stats.started.sum();
    System.out.printf(Locale.ROOT, "started %d of %d waiting workflows in %.1f s (%.1f/s)%n",
        started, count, startSeconds, started / startSeconds);

    ServerMemory.Reading holding = ServerMemory.read(client, options.serverPid());
    System.out.println("server memory holding " + started + ": " + holding.describe());

    String output = Workload.output(0);
    List<String> completed = new ArrayList<>();
    AtomicInteger cursor = new AtomicInteger();
    AtomicLong lastAck = new AtomicLong();
    long completeStart = System.nanoTime();
    long completeDeadline = completeStart + options.phaseLimit().toNanos();
    try (Progress progress = new Progress(completeStart, stats, () -> stats.started.sum() - stats.finished.sum(),
        () -> "complete", options.progress().toMillis())) {
      runThreads(options.workers(), "completer", () -> {
        for (int i = cursor.getAndIncrement(); i < count && System.nanoTime() < completeDeadline;
            i = cursor.getAndIncrement()) {
          String id = ids.get(i);
          if (id == null) continue;
          long sent = System.nanoTime();
          try {
            client.completeByRef(id, Workload.HUMAN_REF, "loadtest", output);
          } catch (ConductorClient.CallFailed e) {
            stats.updateErrors.increment();
            Errors.note(e);
            continue;
          }
          long ack = System.nanoTime();
          lastAck.accumulateAndGet(ack, Math::max);
          stats.latencies.record(ack - sent);
          stats.finished.increment();
          stats.tasksDone.increment();
          synchronized (completed) {
            completed.add(id);
          }
        }
      });
    }
    long done = stats.finished.sum();
    double completeSeconds = Math.max(1e-9, (Math.max(lastAck.get(), completeStart) - completeStart) / 1e9);

    List<String> sample = HonestyCheck.choose(completed, options.checkAll(), options.checkSample(), new Random());
    HonestyCheck.Result check = HonestyCheck.run(client, sample, options.settle(), options.workers());
    long errors = stats.errors() + check.readErrors() + (count - done);
    LatencyRecorder.Snapshot latencies = stats.latencies.snapshot();

    System.out.println("errors: " + stats.errorBreakdown() + " not_completed_by_loadtest=" + (count - done)
        + " check_read=" + check.readErrors());
    System.out.println(check.describe());
    System.out.println(String.format(Locale.ROOT,
        "completion requests (ms, n=%d): p50=%.1f p90=%.1f p99=%.1f max=%.1f", latencies.count(),
        latencies.percentileMs(50), latencies.percentileMs(90), latencies.percentileMs(99), latencies.maxMs()));
    System.out.println(String.format(Locale.ROOT,
        "HOLDING server=%s count=%d started=%d start_s=%.1f heap_before_mb=%s heap_holding_mb=%s heap_source=%s"
            + " rss_holding_mb=%s completed=%d complete_s=%.1f",
        options.server(), count, started, startSeconds, ServerMemory.Reading.mb(before.heapBytes()),
        ServerMemory.Reading.mb(holding.heapBytes()), holding.heapSource().replace(' ', '_'),
        ServerMemory.Reading.mb(holding.rssBytes()), done, completeSeconds));
    System.out.println(Report.resultLine(options.server(), WORKLOAD.name(), options.mode(), Math.round(completeSeconds),
        done / completeSeconds, done / completeSeconds, latencies.percentileMs(50), latencies.percentileMs(99),
        errors, check.notCompleted()));
    return errors == 0 && check.notCompleted() == 0 ? 0 : 1;
  }

  private static void runThreads(int n, String name, Runnable body) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) threads.add(Runs.thread(name + "-" + i, body));
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join();
  }
}
