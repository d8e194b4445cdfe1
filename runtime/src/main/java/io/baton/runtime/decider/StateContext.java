package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.expr.ExpressionContext;

/** Exposes an execution to expressions: {@code workflow} and every task reference name. */
final class StateContext implements ExpressionContext {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final ExecutionState state;

  StateContext(ExecutionState state) {
    this.state = state;
  }

  @Override
  public JsonNode root(String name) {
    if ("workflow".equals(name)) return workflowDocument();
    TaskState task = state.latestByRef(name).orElse(null);
    // Inside DO_WHILE a plain reference means the latest iteration's task (ref__n).
    if (task == null) task = state.latestByRefPrefix(name + "__").orElse(null);
    return task == null ? null : taskDocument(task);
  }

  private ObjectNode workflowDocument() {
    ObjectNode doc = JSON.objectNode();
    doc.set("input", state.input());
    doc.set("output", state.output());
    doc.set("variables", state.variables());
    doc.put("workflowId", state.workflowId());
    doc.put("correlationId", state.correlationId());
    doc.put("status", state.status() == null ? null : state.status().name());
    doc.put("workflowType", state.definition().name());
    doc.put("version", state.definition().versionOrDefault());
    doc.put("createTime", state.createTime());
    doc.put("priority", state.priority());
    doc.put("parentWorkflowId", state.parentWorkflowId());
    doc.put("parentWorkflowTaskId", state.parentWorkflowTaskId());
    return doc;
  }

  private static ObjectNode taskDocument(TaskState t) {
    ObjectNode doc = JSON.objectNode();
    doc.set("input", t.inputData());
    doc.set("output", t.outputData());
    doc.put("status", t.status().name());
    doc.put("taskId", t.taskId());
    doc.put("referenceTaskName", t.referenceTaskName());
    doc.put("taskType", t.taskType());
    doc.put("retryCount", t.retryCount());
    doc.put("pollCount", t.pollCount());
    doc.put("workerId", t.workerId());
    doc.put("reasonForIncompletion", t.reasonForIncompletion());
    doc.put("scheduledTime", t.scheduledTime());
    doc.put("startTime", t.startTime());
    doc.put("endTime", t.endTime());
    doc.put("domain", t.domain());
    return doc;
  }
}
