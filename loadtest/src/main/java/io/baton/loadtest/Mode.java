package io.baton.loadtest;

import java.util.Locale;

/** How the load is shaped: a closed loop, an open loop at a fixed rate, or many waiting executions. */
public enum Mode {
  THROUGHPUT,
  LATENCY,
  HOLDING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Mode parse(String text) {
    for (Mode m : values()) {
      if (m.label().equals(text.toLowerCase(Locale.ROOT))) return m;
    }
    throw new UsageException("unknown --mode '" + text + "' (throughput, latency, holding)");
  }
}
