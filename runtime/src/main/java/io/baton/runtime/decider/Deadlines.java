package io.baton.runtime.decider;

import io.baton.runtime.execution.ExecutionState;

/** When the execution next needs the clock to wake it (epoch ms), for the entity's one timer. */
public final class Deadlines {
  private Deadlines() {}

  public static long next(ExecutionState state) {
    return TimeoutHandler.nextDeadline(state);
  }
}
