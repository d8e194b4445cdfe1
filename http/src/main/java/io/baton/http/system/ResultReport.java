package io.baton.http.system;

import io.baton.runtime.Replies;
import io.baton.runtime.entity.ExecutionReply;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/**
 * Delivers a system task's result to its execution, and delivers it again while no reply comes
 * back. A report can go unanswered while its execution moves between nodes (its node died, a
 * rebalance); unreported, the task would stay IN_PROGRESS until its lease's bound puts it back in
 * its queue, and the HTTP call would be made a second time. Any reply ends the tries, a rejection
 * too; a repeated report is harmless because an execution applies a task's result once.
 */
final class ResultReport {
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(4);
  static final int ATTEMPTS = 4;
  static final Duration MIN_PAUSE = Duration.ofMillis(500);
  static final Duration MAX_PAUSE = Duration.ofSeconds(2);
  /** Pekko's backoff stretches each pause by up to this fraction, so reports lost together spread out. */
  static final double JITTER = 0.2;

  /**
   * Every attempt waiting its whole timeout, with the longest pauses between them. It must stay
   * inside the margin SystemTaskLeases leaves after the work, or the task could be offered again
   * while its report is still being tried.
   */
  static Duration worstCase() {
    Duration total = ATTEMPT_TIMEOUT.multipliedBy(ATTEMPTS);
    for (int retry = 1; retry < ATTEMPTS; retry++) total = total.plus(longestPause(retry));
    return total;
  }

  /** Pekko's backoff before retry n (from 1): MIN_PAUSE doubled n times, at most MAX_PAUSE, then the jitter. */
  static Duration longestPause(int retry) {
    long doubled = MIN_PAUSE.toMillis() << retry;
    return Duration.ofMillis((long) (Math.min(MAX_PAUSE.toMillis(), doubled) * (1 + JITTER)));
  }

  private ResultReport() {}

  /** Calls {@code attempt} with the time it may wait for a reply, until one comes or the attempts run out. */
  static CompletionStage<ExecutionReply> deliver(Function<Duration, CompletionStage<ExecutionReply>> attempt,
      ActorSystem<?> system) {
    // Pekko counts the tries after the first.
    return Replies.onDispatcher(system,
        Patterns.retry(() -> attempt.apply(ATTEMPT_TIMEOUT), ATTEMPTS - 1, MIN_PAUSE, MAX_PAUSE, JITTER, system));
  }
}
