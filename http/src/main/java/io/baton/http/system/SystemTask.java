package io.baton.http.system;

import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.entity.TaskView;
import java.util.concurrent.CompletionStage;

/**
 * A task type with I/O that the server runs itself, like a worker (HTTP, EVENT). It gets a task
 * that is already leased and answers with the result to report; it never blocks the calling
 * thread, and a failure is a FAILED result with the reason, not an exception.
 */
public interface SystemTask {
  /** The queue it takes tasks from: its task type. */
  String taskType();

  CompletionStage<TaskResult> execute(TaskView task);
}
