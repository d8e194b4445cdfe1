package io.baton.runtime.execution;

/**
 * Task ids name their workflow: {@code <workflowId>_<n>}. Any node can route a call that carries
 * only a task id (GET /tasks/{id}, task logs) straight to the owning execution, with no lookup
 * table on the hot path, and the decider stays deterministic (no random ids).
 */
public final class TaskIds {
  private static final char SEPARATOR = '_';

  private TaskIds() {}

  public static String of(String workflowId, int n) {
    return workflowId + SEPARATOR + n;
  }

  /** The workflow id inside a task id, or null when the id is not one of ours. */
  public static String workflowIdOf(String taskId) {
    if (taskId == null) return null;
    int at = taskId.lastIndexOf(SEPARATOR);
    if (at <= 0 || at == taskId.length() - 1) return null;
    for (int i = at + 1; i < taskId.length(); i++) {
      if (!Character.isDigit(taskId.charAt(i))) return null;
    }
    return taskId.substring(0, at);
  }
}
