package io.baton.loadtest;

import java.util.List;
import java.util.Random;
import java.util.UUID;

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

  /** The read-back check and the closing lines; returns the process exit code. */
  static int finish(Options options, ConductorClient client, RunStats stats, Executions executions, Window window) {
    long unfinished = executions.openCount();
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
    System.out.println(Report.resultLine(client.base(), options.workload().name(), options.mode(),
        options.duration().toSeconds(), window.rate(stats.windowFinished.sum()), window.rate(stats.windowTasks.sum()),
        latencies.percentileMs(50), latencies.percentileMs(99), errors, check.notCompleted()));
    return errors == 0 && check.notCompleted() == 0 ? 0 : 1;
  }
}
