package io.baton.loadtest;

import java.util.concurrent.atomic.AtomicInteger;

/** Prints the first few failures in full, so a broken server is visible without flooding the output. */
final class Errors {
  private static final int SHOWN = 5;
  private static final AtomicInteger seen = new AtomicInteger();

  private Errors() {}

  static void note(Throwable e) {
    int n = seen.incrementAndGet();
    if (n <= SHOWN) System.err.println("error: " + e.getMessage());
    if (n == SHOWN) System.err.println("(further errors are only counted)");
  }
}
