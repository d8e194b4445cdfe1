package io.baton.loadtest;

import java.util.concurrent.atomic.LongAdder;

/** What a run counts, shared by its threads. */
public final class RunStats {
  final LongAdder started = new LongAdder();
  final LongAdder finished = new LongAdder();
  final LongAdder tasksDone = new LongAdder();
  final LongAdder startErrors = new LongAdder();
  final LongAdder pollErrors = new LongAdder();
  final LongAdder updateErrors = new LongAdder();
  /** Open loop only: starts not sent because too many were still unanswered. */
  final LongAdder dropped = new LongAdder();
  /** Tasks whose {@code in} input arrived null: the server did not map the previous step. */
  final LongAdder badInput = new LongAdder();
  /** Tasks of an earlier run found in the queue; completed to clear it, counted nowhere else. */
  final LongAdder foreign = new LongAdder();

  final LongAdder windowTasks = new LongAdder();
  final LongAdder windowFinished = new LongAdder();
  final LatencyRecorder latencies = new LatencyRecorder();
  /** How long each kind of call took to be answered, to see where the time goes. */
  final LatencyRecorder startCalls = new LatencyRecorder();
  final LatencyRecorder pollCalls = new LatencyRecorder();
  final LatencyRecorder updateCalls = new LatencyRecorder();

  long errors() {
    return startErrors.sum() + pollErrors.sum() + updateErrors.sum() + dropped.sum() + badInput.sum();
  }

  String errorBreakdown() {
    return "start=" + startErrors.sum() + " poll=" + pollErrors.sum() + " update=" + updateErrors.sum()
        + " dropped=" + dropped.sum() + " bad_input=" + badInput.sum() + " foreign_tasks=" + foreign.sum();
  }
}
