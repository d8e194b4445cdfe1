package io.baton.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** What the three modes share: registering definitions, threads, the drain, and the closing report. */
final class Runs {
  private static final long ERROR_BACKOFF_MS = 50;

  private Runs() {}

  /** Registers the workload's definitions and returns a fresh run id, used as every start's correlationId. */
  static String register(ConductorClient client, Workload workload) {
    client.registerTaskDefs("[" + workload.taskDef() + "]");
    client.putWorkflowDefs("[" + workload.workflowDef() + "]");
    return "loadtest-" + UUID.randomUUID();
  }

  static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  static String phase(long now, Window window) {
    if (now < window.startNanos()) return "warmup";
    return now < window.endNanos() ? "measure" : "drain";
  }

  /** After a failed call: do not spin against a server that is down. */
  static void pause() {
    try {
      Thread.sleep(ERROR_BACKOFF_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every started workflow finished, or the deadline. */
  static void awaitDrained(Executions executions, long deadlineNanos) throws InterruptedException {
    while (executions.openCount() > 0 && System.nanoTime() < deadlineNanos) {
      Thread.sleep(100);
    }
  }

  /**
   * Terminates what never finished, so its tasks do not linger in the queues and slow down the
   * next run against the same server.
   */
  static void terminateOpen(ConductorClient client, List<String> ids, int threads, long deadlineNanos)
      throws InterruptedException {
    if (ids.isEmpty()) return;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger terminated = new AtomicInteger();
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      pool.add(thread("terminate-" + t, () -> {
        for (int i = next.getAndIncrement(); i < ids.size() && System.nanoTime() < deadlineNanos;
            i = next.getAndIncrement()) {
          try {
            client.terminate(ids.get(i), "baton loadtest: not finished by the end of the drain");
            terminated.incrementAndGet();
          } catch (ConductorClient.CallFailed e) {
            Errors.note(e);
          }
        }
      }));
    }
    pool.forEach(Thread::start);
    for (Thread t : pool) t.join();
    System.out.println("terminated " + terminated.get() + " of " + ids.size() + " executions that never finished");
  }

  /** The read-back check and the closing lines; returns the process exit code. */
  static int finish(Options options, ConductorClient client, RunStats stats, Executions executions, Window window)
      throws InterruptedException {
    List<String> open = executions.openIds();
    long unfinished = open.size();
    terminateOpen(client, open, options.workers(),
        System.nanoTime() + options.drain().toNanos() + options.requestTimeout().toNanos());
    List<String> finishedIds = executions.finishedIds();
    List<String> sample = HonestyCheck.choose(finishedIds, options.checkAll(), options.checkSample(), new Random());
    HonestyCheck.Result check = HonestyCheck.run(client, sample, options.settle(), options.workers());
    LatencyRecorder.Snapshot latencies = stats.latencies.snapshot();
    long errors = stats.errors() + unfinished + check.readErrors();

    System.out.println("started " + stats.started.sum() + ", finished " + stats.finished.sum()
        + ", never finished " + unfinished + "; errors: " + stats.errorBreakdown()
        + " unfinished=" + unfinished + " check_read=" + check.readErrors());
    System.out.println(Report.callsLine(stats));
    System.out.println(check.describe());
    System.out.println(Report.latencyLine(latencies));
    System.out.println(Report.resultLine(options.server(), options.workload().name(), options.mode(),
        options.duration().toSeconds(), window.rate(stats.windowFinished.sum()), window.rate(stats.windowTasks.sum()),
        latencies.percentileMs(50), latencies.percentileMs(99), errors, check.notCompleted()));
    return errors == 0 && check.notCompleted() == 0 ? 0 : 1;
  }
}
