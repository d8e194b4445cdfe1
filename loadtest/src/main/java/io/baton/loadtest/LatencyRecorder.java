package io.baton.loadtest;

import java.util.Arrays;

/**
 * Keeps every recorded latency and answers percentiles from the sorted values (nearest rank), so
 * the figures are exact rather than bucketed. A run records at most a few hundred thousand values.
 */
public final class LatencyRecorder {
  private long[] values = new long[1024];
  private int size;

  /** Records one latency in nanoseconds; negative values are a bug in the caller. */
  public synchronized void record(long nanos) {
    if (nanos < 0) throw new IllegalArgumentException("negative latency " + nanos);
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    values[size++] = nanos;
  }

  public synchronized Snapshot snapshot() {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Snapshot(sorted);
  }

  /** The values recorded so far, sorted. */
  public static final class Snapshot {
    private final long[] sorted;

    Snapshot(long[] sorted) {
      this.sorted = sorted;
    }

    public int count() {
      return sorted.length;
    }

    /**
     * The nearest-rank percentile in milliseconds: the smallest recorded value such that at least
     * {@code p} percent of all values are at most it. NaN when nothing was recorded.
     */
    public double percentileMs(double p) {
      if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile out of [0, 100]: " + p);
      if (sorted.length == 0) return Double.NaN;
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return toMs(sorted[Math.max(0, rank - 1)]);
    }

    public double maxMs() {
      return sorted.length == 0 ? Double.NaN : toMs(sorted[sorted.length - 1]);
    }

    private static double toMs(long nanos) {
      return nanos / 1_000_000.0;
    }
  }
}
