package io.baton.loadtest;

/** The measured window on the {@link System#nanoTime()} clock: [start, end). */
public record Window(long startNanos, long endNanos) {
  public Window {
    if (endNanos <= startNanos) throw new IllegalArgumentException("window ends before it starts");
  }

  public static Window after(long originNanos, java.time.Duration warmup, java.time.Duration length) {
    long start = originNanos + warmup.toNanos();
    return new Window(start, start + length.toNanos());
  }

  public boolean contains(long nanos) {
    return nanos >= startNanos && nanos < endNanos;
  }

  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /** Events per second over the whole window. */
  public double rate(long events) {
    return events / seconds();
  }
}
