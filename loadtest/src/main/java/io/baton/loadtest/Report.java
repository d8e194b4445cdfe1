package io.baton.loadtest;

import java.util.Locale;

/** The grep-able lines a run ends with (BENCHMARK.md). */
final class Report {
  private Report() {}

  static String resultLine(String url, String workload, Mode mode, long seconds, double workflowsPerS,
      double tasksPerS, double p50Ms, double p99Ms, long errors, long notCompleted) {
    return String.format(Locale.ROOT,
        "RESULT server=%s workload=%s mode=%s seconds=%d workflows_per_s=%.1f tasks_per_s=%.1f"
            + " p50_ms=%.1f p99_ms=%.1f errors=%d not_completed=%d",
        url, workload, mode.label(), seconds, workflowsPerS, tasksPerS, p50Ms, p99Ms, errors, notCompleted);
  }

  /** p50 / p99 of each kind of call, in ms. */
  static String callsLine(RunStats stats) {
    return "calls (ms, p50/p99): " + calls("start", stats.startCalls) + " " + calls("poll", stats.pollCalls) + " "
        + calls("update", stats.updateCalls);
  }

  private static String calls(String name, LatencyRecorder recorder) {
    LatencyRecorder.Snapshot s = recorder.snapshot();
    return String.format(Locale.ROOT, "%s=%.1f/%.1f(n=%d)", name, s.percentileMs(50), s.percentileMs(99), s.count());
  }

  static String latencyLine(LatencyRecorder.Snapshot s) {
    return String.format(Locale.ROOT, "latency (ms, start to last update acknowledged, n=%d): p50=%.1f p90=%.1f p99=%.1f max=%.1f",
        s.count(), s.percentileMs(50), s.percentileMs(90), s.percentileMs(99), s.maxMs());
  }
}
