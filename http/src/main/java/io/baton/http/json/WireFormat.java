package io.baton.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.entity.TaskView;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;

/** Conductor's Task and Workflow JSON, key for key (API.md). */
public final class WireFormat {
  private WireFormat() {}

  public static ObjectNode task(TaskView view) {
    return task(view.task(), view.workflowType(), view.correlationId(), view.workflowPriority(),
        workflowIdOf(view.task()));
  }

  private static String workflowIdOf(TaskState t) {
    return io.baton.runtime.execution.TaskIds.workflowIdOf(t.taskId());
  }

  public static ObjectNode task(TaskState t, String workflowType, String correlationId,
      int workflowPriority, String workflowId) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("taskType", t.taskType());
    n.put("status", t.status().name());
    n.set("inputData", orEmpty(t.inputData()));
    n.put("referenceTaskName", t.referenceTaskName());
    n.put("retryCount", t.retryCount());
    n.put("seq", t.seq());
    n.put("pollCount", t.pollCount());
    n.put("taskDefName", t.taskDefName());
    n.put("scheduledTime", t.scheduledTime());
    n.put("startTime", t.startTime());
    n.put("endTime", t.endTime());
    n.put("updateTime", t.updateTime());
    n.put("startDelayInSeconds", t.startDelayInSeconds());
    n.put("retried", t.retried());
    n.put("executed", t.executed());
    n.put("callbackFromWorker", true);
    n.put("responseTimeoutSeconds", t.responseTimeoutSeconds());
    n.put("workflowInstanceId", workflowId);
    n.put("workflowType", workflowType);
    n.put("taskId", t.taskId());
    n.put("callbackAfterSeconds", t.callbackAfterSeconds());
    if (t.workerId() != null) n.put("workerId", t.workerId());
    n.set("outputData", orEmpty(t.outputData()));
    if (t.workflowTask() != null) n.set("workflowTask", Json.MAPPER.valueToTree(t.workflowTask()));
    TaskDef def = t.workflowTask() == null ? null : t.workflowTask().taskDefinition();
    n.put("rateLimitPerFrequency", def == null || def.rateLimitPerFrequency() == null ? 0 : def.rateLimitPerFrequency());
    n.put("rateLimitFrequencyInSeconds",
        def == null || def.rateLimitFrequencyInSeconds() == null ? 1 : def.rateLimitFrequencyInSeconds());
    n.put("workflowPriority", workflowPriority);
    n.put("iteration", t.iteration());
    if (correlationId != null) n.put("correlationId", correlationId);
    if (t.domain() != null) n.put("domain", t.domain());
    if (t.retriedTaskId() != null) n.put("retriedTaskId", t.retriedTaskId());
    if (t.reasonForIncompletion() != null) n.put("reasonForIncompletion", t.reasonForIncompletion());
    if (t.subWorkflowId() != null) n.put("subWorkflowId", t.subWorkflowId());
    if (t.parentTaskId() != null) n.put("parentTaskId", t.parentTaskId());
    return n;
  }

  public static ObjectNode workflow(ExecutionState s, boolean includeTasks) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("workflowId", s.workflowId());
    n.put("workflowName", s.definition().name());
    n.put("workflowVersion", s.definition().versionOrDefault());
    n.put("status", s.status().name());
    n.set("input", orEmpty(s.input()));
    n.set("output", orEmpty(s.output()));
    if (includeTasks) {
      ArrayNode tasks = n.putArray("tasks");
      for (TaskState t : s.tasks()) {
        tasks.add(task(t, s.definition().name(), s.correlationId(), s.priority(), s.workflowId()));
      }
    } else {
      n.putArray("tasks");
    }
    n.set("variables", orEmpty(s.variables()));
    n.set("workflowDefinition", Json.MAPPER.valueToTree(s.definition()));
    n.put("createTime", s.createTime());
    n.put("startTime", s.createTime());
    n.put("updateTime", s.updateTime());
    n.put("endTime", s.endTime());
    n.put("priority", s.priority());
    n.set("taskToDomain", Json.MAPPER.valueToTree(s.taskToDomain()));
    ArrayNode failed = n.putArray("failedReferenceTaskNames");
    s.failedReferenceTaskNames().forEach(failed::add);
    if (s.correlationId() != null) n.put("correlationId", s.correlationId());
    if (s.reasonForIncompletion() != null) n.put("reasonForIncompletion", s.reasonForIncompletion());
    if (s.parentWorkflowId() != null) n.put("parentWorkflowId", s.parentWorkflowId());
    if (s.parentWorkflowTaskId() != null) n.put("parentWorkflowTaskId", s.parentWorkflowTaskId());
    return n;
  }

  public static ObjectNode status(ExecutionState s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("workflowId", s.workflowId());
    if (s.correlationId() != null) n.put("correlationId", s.correlationId());
    n.put("status", s.status().name());
    n.set("output", orEmpty(s.output()));
    n.set("variables", orEmpty(s.variables()));
    return n;
  }

  private static JsonNode orEmpty(ObjectNode node) {
    return node == null ? Json.MAPPER.createObjectNode() : node;
  }
}
