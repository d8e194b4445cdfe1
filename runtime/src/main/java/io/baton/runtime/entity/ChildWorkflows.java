package io.baton.runtime.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.decider.ChildIds;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import java.util.Map;

/**
 * How an execution reaches other executions: starting children (SUB_WORKFLOW, START_WORKFLOW),
 * terminating them, and a child reporting its end to its parent's task. Every call is idempotent,
 * so the entity simply calls again after a restart.
 */
public interface ChildWorkflows {
  /** Starts the workflow unless it exists. A child that cannot start, or has already ended, is reported to its parent. */
  void start(ChildStart start);

  void terminate(String workflowId, String reason);

  /** A child's end, reported to its parent by the child's id. */
  void report(String parentWorkflowId, io.baton.runtime.decider.DeciderCommand.ChildEnded end);

  /** Retries a child whose parent step was retried with resumeSubworkflowTasks; an ended child that cannot be retried reports its end again. */
  void retry(String childWorkflowId, String parentWorkflowId);

  record ChildStart(String workflowId, String name, Integer version, WorkflowDef inline,
      ObjectNode input, String correlationId, int priority, Map<String, String> taskToDomain,
      String parentWorkflowId, String parentTaskId) {}

  /** The child a SUB_WORKFLOW attempt starts: its definition from subWorkflowParam, its input the task's. */
  static ChildStart subWorkflow(ExecutionState parent, TaskState task) {
    JsonNode param = task.workflowTask().subWorkflowParam();
    return new ChildStart(task.subWorkflowId(), text(param, "name"), version(param), inline(param),
        task.inputData(), parent.correlationId(), parent.priority(), parent.taskToDomain(),
        parent.workflowId(), task.taskId());
  }

  /** The workflow a START_WORKFLOW task starts, from its input {@code startWorkflow}. */
  static ChildStart startWorkflow(ExecutionState parent, TaskState task) {
    JsonNode request = task.inputData().path("startWorkflow");
    JsonNode input = request.get("input");
    @SuppressWarnings("unchecked")
    Map<String, String> domains = request.has("taskToDomain")
        ? new ObjectMapper().convertValue(request.get("taskToDomain"), Map.class) : parent.taskToDomain();
    return new ChildStart(ChildIds.of(task.taskId()), text(request, "name"), version(request),
        inline(request), input != null && input.isObject() ? (ObjectNode) input : JsonNodeFactory.instance.objectNode(),
        text(request, "correlationId"), parent.priority(), domains, null, null);
  }

  /** What a parent's SUB_WORKFLOW step becomes when its child ends. */
  static io.baton.runtime.decider.DeciderCommand.ChildEnded endOf(ExecutionState child) {
    ObjectNode output = child.output() == null ? JsonNodeFactory.instance.objectNode() : child.output().deepCopy();
    output.put("subWorkflowId", child.workflowId());
    boolean ok = child.status().successful();
    String reason = ok ? null : "sub-workflow " + child.workflowId() + " ended " + child.status()
        + (child.reasonForIncompletion() == null ? "" : ": " + child.reasonForIncompletion());
    return new io.baton.runtime.decider.DeciderCommand.ChildEnded(child.workflowId(), ok, output, reason);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Integer version(JsonNode node) {
    JsonNode v = node == null ? null : node.get("version");
    return v == null || !v.canConvertToInt() ? null : v.asInt();
  }

  private static WorkflowDef inline(JsonNode node) {
    JsonNode def = node == null ? null : node.get("workflowDefinition");
    if (def == null || !def.isObject()) return null;
    try {
      return new ObjectMapper().treeToValue(def, WorkflowDef.class);
    } catch (Exception e) {
      return null;
    }
  }
}
