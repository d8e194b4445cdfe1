package io.baton.loadtest;

/** A command line the load generator cannot run; the message says what to fix. */
public final class UsageException extends IllegalArgumentException {
  public UsageException(String message) {
    super(message);
  }
}
