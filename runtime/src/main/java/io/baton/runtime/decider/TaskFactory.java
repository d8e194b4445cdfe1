package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskIds;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.expr.ParameterResolver;
import java.util.Iterator;
import java.util.Map;

/** Builds new task attempts: first attempts from the definition, retries from a failed attempt. */
final class TaskFactory {
  private TaskFactory() {}

  static TaskDef taskDef(WorkflowTask wt) {
    return wt.taskDefinition() != null ? wt.taskDefinition() : TaskDef.unregistered(wt.name());
  }

  /**
   * The first attempt of a step. Inside a DO_WHILE the reference carries the iteration suffix
   * ({@code ref__2}), as in Conductor.
   */
  static TaskState firstAttempt(ExecutionState state, WorkflowTask wt, String suffix, long now) {
    String taskId = TaskIds.of(state.workflowId(), state.taskCounter() + 1);
    TaskDef def = taskDef(wt);
    ObjectNode input = resolveInput(state, wt.inputParameters(), def.inputTemplate(), taskId);
    int delay = wt.startDelayOrZero();
    return new TaskState(taskId, taskType(wt), TaskStatus.SCHEDULED, input,
        wt.taskReferenceName() + suffix, 0, state.nextSeq(), 0, wt.name(), now, 0, 0, now,
        delay, false, false, 0, def.effectiveResponseTimeoutSeconds(), null,
        JsonNodeFactory.instance.objectNode(), wt, domainFor(state.taskToDomain(), wt.name()), null,
        null, iterationOf(suffix), null, null, now + delay * 1000L);
  }

  /** The innermost loop iteration named by a suffix such as {@code __3}; 0 outside loops. */
  static int iterationOf(String suffix) {
    int at = suffix.lastIndexOf("__");
    return at < 0 ? 0 : Integer.parseInt(suffix.substring(at + 2));
  }

  /**
   * Worker tasks take their definition's name as their type: that is the queue workers poll
   * (Conductor does the same); system tasks with I/O (HTTP, EVENT) and operators keep their type.
   */
  static String taskType(WorkflowTask wt) {
    if (TaskTypes.isSystemWorkerType(wt.type())) return wt.type();
    return TaskTypes.isWorkerTask(wt.type()) ? wt.name() : wt.typeOrSimple();
  }

  static TaskState retryOf(ExecutionState state, TaskState failed, long delayMillis, long now) {
    String taskId = TaskIds.of(state.workflowId(), state.taskCounter() + 1);
    return new TaskState(taskId, failed.taskType(), TaskStatus.SCHEDULED, failed.inputData(),
        failed.referenceTaskName(), failed.retryCount() + 1, state.nextSeq(), 0,
        failed.taskDefName(), now, 0, 0, now, 0, false, false, delayMillis / 1000,
        failed.responseTimeoutSeconds(), null, JsonNodeFactory.instance.objectNode(),
        failed.workflowTask(), failed.domain(), failed.taskId(), null, failed.iteration(), null,
        failed.parentTaskId(), now + delayMillis);
  }

  /**
   * The task's input: its inputParameters resolved, with the task definition's inputTemplate
   * supplying keys the workflow does not give and values that resolved to null (Conductor's rule).
   */
  private static ObjectNode resolveInput(ExecutionState state, ObjectNode params, ObjectNode template,
      String taskId) {
    StateContext ctx = new StateContext(state);
    ObjectNode input = params == null ? JsonNodeFactory.instance.objectNode()
        : ParameterResolver.resolveObject(params, ctx, taskId);
    if (template == null || template.isEmpty()) return input;
    ObjectNode defaults = ParameterResolver.resolveObject(template, ctx, taskId);
    Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode given = input.get(f.getKey());
      if (given == null || given.isNull()) input.set(f.getKey(), f.getValue());
    }
    return input;
  }

  /** Conductor's taskToDomain: by task name, then "*"; the first of a comma list. */
  static String domainFor(Map<String, String> taskToDomain, String taskName) {
    if (taskToDomain == null || taskToDomain.isEmpty()) return null;
    String domain = taskToDomain.getOrDefault(taskName, taskToDomain.get("*"));
    if (domain == null || domain.isBlank()) return null;
    String first = domain.split(",")[0].trim();
    return first.isEmpty() || "NO_DOMAIN".equals(first) ? null : first;
  }
}
