package io.baton.http.system;

import io.baton.http.api.Backend;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.entity.TaskView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs system tasks in-process the way a remote worker would: long-polls each system task's queue
 * (so a lease is persisted before anything runs), executes, and reports through the same update
 * path as a worker, again while no reply comes (ResultReport). Retries and timeouts therefore
 * work as for any worker task; a lease whose runner died with its node ends after the bound
 * SystemTaskLeases gives it. At most {@code concurrency} tasks of a type run at once; nothing
 * here blocks a thread.
 */
public final class SystemTaskRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SystemTaskRunner.class);
  private static final long POLL_MILLIS = 1000;

  private final Backend backend;
  private final List<SystemTask> tasks;
  private final int concurrency;
  private final String workerId;
  private volatile boolean stopped;

  public SystemTaskRunner(Backend backend, List<SystemTask> tasks, int concurrency, String workerId) {
    this.backend = backend;
    this.tasks = List.copyOf(tasks);
    this.concurrency = concurrency;
    this.workerId = workerId;
    backend.system().getWhenTerminated().thenRun(() -> stopped = true);
  }

  public void start() {
    for (SystemTask task : tasks) pollLoop(task, new AtomicInteger());
  }

  private void pollLoop(SystemTask task, AtomicInteger running) {
    if (stopped) return;
    int room = concurrency - running.get();
    if (room <= 0) {
      later(() -> pollLoop(task, running));
      return;
    }
    backend.bridge().poll(task.taskType(), null, workerId, room, POLL_MILLIS).whenComplete((leased, error) -> {
      if (error != null) {
        if (!stopped) LOG.warn("polling {} failed: {}", task.taskType(), error.toString());
        later(() -> pollLoop(task, running));
        return;
      }
      for (TaskView view : leased) {
        running.incrementAndGet();
        run(task, view).whenComplete((done, e) -> running.decrementAndGet());
      }
      pollLoop(task, running);
    });
  }

  private CompletionStage<?> run(SystemTask task, TaskView view) {
    CompletionStage<TaskResult> result;
    try {
      result = task.execute(view);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result
        .exceptionally(e -> failed(view, task.taskType() + " task failed: " + e))
        .thenCompose(r -> ResultReport.deliver(
            timeout -> backend.decide(r.workflowInstanceId(), new DeciderCommand.UpdateTask(r), timeout)
                .whenComplete((reply, e) -> {
                  if (e != null) LOG.debug("no answer to the report of {}: {}", r.taskId(), e.toString());
                }),
            backend.system()))
        .whenComplete((reply, e) -> {
          // Unreported: the task stays IN_PROGRESS until its lease's bound (SystemTaskLeases) brings it back.
          if (e != null && !stopped) LOG.warn("could not report {} {} after {} attempts: {}", task.taskType(),
              view.task().taskId(), ResultReport.ATTEMPTS, e.toString());
        });
  }

  /** A FAILED result for this task with the reason given. */
  public static TaskResult failed(TaskView view, String reason) {
    return new TaskResult(workflowIdOf(view), view.task().taskId(), "FAILED", null, reason, null, null, null, null);
  }

  public static String workflowIdOf(TaskView view) {
    return io.baton.runtime.execution.TaskIds.workflowIdOf(view.task().taskId());
  }

  private void later(Runnable next) {
    backend.system().scheduler().scheduleOnce(Duration.ofMillis(200), next, backend.system().executionContext());
  }
}
