package io.baton.runtime.execution;

/** A task's status, with Conductor's terminal and successful sets. */
public enum TaskStatus {
  SCHEDULED(false, true, true),
  IN_PROGRESS(false, true, true),
  COMPLETED(true, true, true),
  COMPLETED_WITH_ERRORS(true, true, true),
  SKIPPED(true, true, true),
  FAILED(true, false, true),
  FAILED_WITH_TERMINAL_ERROR(true, false, false),
  TIMED_OUT(true, false, true),
  CANCELED(true, false, false);

  private final boolean terminal;
  private final boolean successful;
  private final boolean retriable;

  TaskStatus(boolean terminal, boolean successful, boolean retriable) {
    this.terminal = terminal;
    this.successful = successful;
    this.retriable = retriable;
  }

  public boolean terminal() {
    return terminal;
  }

  public boolean successful() {
    return successful;
  }

  public boolean retriable() {
    return retriable;
  }
}
