package io.baton.runtime.events;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Applies one queued message (finds the handlers, runs their actions). Never runs on the queue
 * entity's thread; the entity marks the message handled when the outcome says so.
 */
@FunctionalInterface
public interface MessageHandler {
  CompletionStage<Outcome> handle(String queue, QueuedMessage message);

  /**
   * @param errors what went wrong, for the log and the journal; permanent ones do not come back
   * @param retry something failed that may succeed later (a timeout, a node away): handle the
   *     message again rather than mark it handled
   */
  record Outcome(List<String> errors, boolean retry) {
    public static Outcome done(List<String> errors) {
      return new Outcome(List.copyOf(errors), false);
    }

    public static Outcome retryLater(String error) {
      return new Outcome(List.of(error), true);
    }
  }
}
