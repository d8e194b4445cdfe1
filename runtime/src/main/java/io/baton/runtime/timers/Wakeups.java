package io.baton.runtime.timers;

import java.util.concurrent.CompletionStage;

/**
 * Durable wake-ups for executions that leave memory while they wait: a row per sleeping
 * execution with the time it must wake, kept in the database so it survives any crash.
 */
public interface Wakeups {
  /** Records (or moves) the execution's wake-up; completes once it is durable. */
  CompletionStage<Void> sleep(String workflowId, long dueAt);
}
