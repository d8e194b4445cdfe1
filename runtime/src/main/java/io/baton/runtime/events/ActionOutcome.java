package io.baton.runtime.events;

/** How one action went: done, failed for good (with the reason), or failed for now. */
public record ActionOutcome(String error, boolean retriable) {
  public static ActionOutcome ok() {
    return new ActionOutcome(null, false);
  }

  public static ActionOutcome failed(String error) {
    return new ActionOutcome(error, false);
  }

  public static ActionOutcome failedForNow(String error) {
    return new ActionOutcome(error, true);
  }

  public boolean succeeded() {
    return error == null;
  }
}
