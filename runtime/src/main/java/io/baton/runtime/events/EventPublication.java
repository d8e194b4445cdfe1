package io.baton.runtime.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.entity.TaskView;
import io.baton.runtime.execution.TaskIds;
import io.baton.runtime.execution.TaskState;

/**
 * What an EVENT task publishes: its input plus the workflow's identity (Conductor's payload), on
 * the queue its sink names, with the task id as message id so a re-run of the same attempt
 * publishes nothing new. The task's output is the payload plus {@code event_produced}.
 */
public final class EventPublication {
  private EventPublication() {}

  public sealed interface Prepared {}

  public record Ready(String queue, String messageId, ObjectNode payload, ObjectNode output)
      implements Prepared {}

  public record Refused(String reason) implements Prepared {}

  public static Prepared prepare(TaskView view) {
    TaskState task = view.task();
    String sink = task.workflowTask() == null ? null : task.workflowTask().sink();
    EventSink.Target target = EventSink.resolve(sink, view.workflowType(), task.referenceTaskName());
    if (target instanceof EventSink.Unsupported u) return new Refused(u.reason());
    String queue = ((EventSink.Queue) target).name();

    ObjectNode payload = task.inputData() == null
        ? JsonNodeFactory.instance.objectNode() : task.inputData().deepCopy();
    payload.put("sink", sink);
    payload.put("workflowInstanceId", TaskIds.workflowIdOf(task.taskId()));
    payload.put("workflowType", view.workflowType());
    payload.put("workflowVersion", view.workflowVersion());
    if (view.correlationId() == null) {
      payload.putNull("correlationId");
    } else {
      payload.put("correlationId", view.correlationId());
    }
    ObjectNode output = payload.deepCopy();
    output.put("event_produced", queue);
    return new Ready(queue, task.taskId(), payload, output);
  }
}
