package io.baton.runtime.decider;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of workflows a task starts derive from the task's id: deterministic, so the decision stays
 * pure and starting the same child again (after a crash) finds the one already there.
 */
public final class ChildIds {
  private ChildIds() {}

  public static String of(String taskId) {
    return UUID.nameUUIDFromBytes(("child:" + taskId).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
