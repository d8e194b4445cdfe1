package io.baton.runtime.execution;

/** A workflow execution's status. */
public enum WorkflowStatus {
  RUNNING(false, false),
  COMPLETED(true, true),
  FAILED(true, false),
  TIMED_OUT(true, false),
  TERMINATED(true, false),
  PAUSED(false, true);

  private final boolean terminal;
  private final boolean successful;

  WorkflowStatus(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  public boolean terminal() {
    return terminal;
  }

  public boolean successful() {
    return successful;
  }
}
