package io.baton.runtime.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.decider.TaskResult;
import java.util.Map;

/**
 * An action of a handler with every expression resolved against one message: what
 * {@link ActionRunner} sends to the executions. {@code handler} and {@code index} say where it
 * came from (actions[index] of that handler), for the reasons of failures.
 */
public sealed interface ActionCommand {
  String handler();

  int index();

  /**
   * @param workflowId derived from the queue, message, handler and action, so that processing the
   *     same message again finds the workflow already started instead of starting a second one
   */
  record StartWorkflow(String handler, int index, String workflowId, String name, Integer version,
      ObjectNode input, String correlationId, Map<String, String> taskToDomain) implements ActionCommand {}

  /** The task by {@code taskId}, or else the latest attempt of {@code taskRefName} in {@code workflowId}. */
  record UpdateTask(String handler, int index, TaskResult.Status status, String workflowId,
      String taskId, String taskRefName, ObjectNode output, String reasonForIncompletion)
      implements ActionCommand {}

  record TerminateWorkflow(String handler, int index, String workflowId, String reason)
      implements ActionCommand {}
}
