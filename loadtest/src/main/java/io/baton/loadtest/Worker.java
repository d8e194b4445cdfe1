package io.baton.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One polling worker: batch-polls the workload's task type and completes every task at once with
 * POST /tasks, until told to stop or its deadline passes.
 */
final class Worker implements Runnable {
  private static final JsonNode OUTPUT = parse(Workload.output(0));

  private final ConductorClient client;
  private final String taskType;
  private final String workerId;
  private final String runId;
  private final int pollCount;
  private final int pollTimeoutMs;
  private final BooleanSupplier keepGoing;
  private final long deadlineNanos;
  private final Executions executions;
  private final RunStats stats;
  private final Window window;

  Worker(ConductorClient client, Options options, String workerId, String runId, BooleanSupplier keepGoing,
      long deadlineNanos, Executions executions, RunStats stats, Window window) {
    this.client = client;
    this.taskType = options.workload().taskType();
    this.workerId = workerId;
    this.runId = runId;
    this.pollCount = options.pollCount();
    this.pollTimeoutMs = options.pollTimeoutMs();
    this.keepGoing = keepGoing;
    this.deadlineNanos = deadlineNanos;
    this.executions = executions;
    this.stats = stats;
    this.window = window;
  }

  @Override
  public void run() {
    while (keepGoing.getAsBoolean() && System.nanoTime() < deadlineNanos) {
      List<ConductorClient.PolledTask> tasks;
      long sent = System.nanoTime();
      try {
        tasks = client.pollBatch(taskType, workerId, pollCount, pollTimeoutMs);
        stats.pollCalls.record(System.nanoTime() - sent);
      } catch (ConductorClient.CallFailed e) {
        stats.pollErrors.increment();
        Errors.note(e);
        Runs.pause();
        continue;
      }
      // The whole batch is completed at once (concurrent updates), then the worker polls again.
      java.util.concurrent.CompletableFuture<?>[] updates = new java.util.concurrent.CompletableFuture<?>[tasks.size()];
      for (int i = 0; i < tasks.size(); i++) updates[i] = complete(tasks.get(i));
      java.util.concurrent.CompletableFuture.allOf(updates).exceptionally(e -> null).join();
    }
  }

  private java.util.concurrent.CompletableFuture<Void> complete(ConductorClient.PolledTask task) {
    boolean ours = runId.equals(task.correlationId());
    JsonNode in = task.input().path("in");
    if (ours && (in.isNull() || in.isMissingNode())) {
      stats.badInput.increment();
    }
    long sent = System.nanoTime();
    return client.completeTaskAsync(task.workflowId(), task.taskId(), workerId, OUTPUT).handle((ok, error) -> {
      if (error != null) {
        stats.updateErrors.increment();
        Errors.note(error.getCause() instanceof ConductorClient.CallFailed f ? f
            : new ConductorClient.CallFailed(String.valueOf(error), error));
        return null;
      }
      completed(task, ours, sent);
      return null;
    });
  }

  private void completed(ConductorClient.PolledTask task, boolean ours, long sent) {
    long ack = System.nanoTime();
    stats.updateCalls.record(ack - sent);
    if (!ours) {
      stats.foreign.increment();
      return;
    }
    stats.tasksDone.increment();
    if (window.contains(ack)) stats.windowTasks.increment();
    executions.taskDone(task.workflowId(), ack);
  }

  private static JsonNode parse(String json) {
    try {
      return ConductorClient.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
