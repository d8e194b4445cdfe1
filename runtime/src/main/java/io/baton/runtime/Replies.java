package io.baton.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Moves an answer from Pekko's Java API onto an executor of ours. Pekko answers an ask (and a
 * stream's materialized value, a retry, an HTTP client call) with Scala's CompletionStage adapter,
 * which runs every non-async callback chained on it (thenApply, handle, whenComplete...) as an
 * async task on the JDK's default executor; with fewer than 3 cores that executor starts a new
 * thread for each task (the common pool is used only from a parallelism of 2), hundreds of threads
 * a second under load, about half the server's CPU on 2 cores. An answer moved here completes a
 * plain CompletableFuture on the executor, and what is chained after it runs there.
 */
public final class Replies {
  private Replies() {}

  /** On the actor system's default dispatcher: for the usual small step after an answer. */
  public static <T> CompletableFuture<T> onDispatcher(ActorSystem<?> system, CompletionStage<T> answer) {
    return on(system.executionContext(), answer);
  }

  /** On {@code executor}: for a step too heavy for the dispatcher that runs actors. */
  public static <T> CompletableFuture<T> on(Executor executor, CompletionStage<T> answer) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    answer.whenCompleteAsync((value, error) -> {
      if (error != null) {
        plain.completeExceptionally(error);
      } else {
        plain.complete(value);
      }
    }, executor).whenComplete((done, refused) -> {
      // An executor that is shut down refuses the hop; the caller hears it instead of waiting forever.
      if (refused != null) plain.completeExceptionally(refused);
    });
    return plain;
  }
}
