package io.baton.http.system;

import io.baton.http.api.Backend;
import io.baton.runtime.Replies;
import io.baton.runtime.decider.SystemTaskLeases;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.entity.TaskView;
import io.baton.runtime.events.EventPublication;
import io.baton.runtime.events.EventQueue;
import io.baton.runtime.events.QueueCommand;
import io.baton.runtime.events.QueueReply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * EVENT: publishes the task's payload on the durable internal queue its sink names, and completes
 * only once the queue has the message in its journal. A sink this server cannot publish to fails
 * the task for good (a retry would fail the same way).
 */
public final class EventTask implements SystemTask {
  private static final Duration PUBLISH_TIMEOUT =
      Duration.ofMillis(SystemTaskLeases.EVENT_PUBLISH_TIMEOUT_MILLIS);

  private final Backend backend;

  public EventTask(Backend backend) {
    this.backend = backend;
  }

  @Override
  public String taskType() {
    return "EVENT";
  }

  @Override
  public CompletionStage<TaskResult> execute(TaskView task) {
    EventPublication.Prepared prepared = EventPublication.prepare(task);
    if (prepared instanceof EventPublication.Refused refused) {
      return CompletableFuture.completedFuture(new TaskResult(SystemTaskRunner.workflowIdOf(task),
          task.task().taskId(), TaskResult.Status.FAILED_WITH_TERMINAL_ERROR.name(), null,
          refused.reason(), null, null, null, null));
    }
    EventPublication.Ready ready = (EventPublication.Ready) prepared;
    return Replies.onDispatcher(backend.system(), EventQueue.ref(backend.system(), ready.queue())
        .<QueueReply>ask(r -> new QueueCommand.Publish(ready.messageId(), ready.payload(), r), PUBLISH_TIMEOUT))
        .thenApply(reply -> new TaskResult(SystemTaskRunner.workflowIdOf(task), task.task().taskId(),
            TaskResult.Status.COMPLETED.name(), ready.output(), null, null, null, null, null));
  }
}
