package io.baton.http.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.bridge.WorkerBridge;
import io.baton.http.json.Json;
import io.baton.http.json.WireFormat;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.entity.ExecutionCommand;
import io.baton.runtime.entity.ExecutionReply;
import io.baton.runtime.entity.TaskView;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskIds;
import io.baton.runtime.execution.TaskLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/** /api/tasks: what polling workers call. */
public final class TaskRoutes extends RouteSupport {
  private static final int MAX_BATCH = 1000;
  private final Backend backend;
  private final WorkerBridge bridge;

  public TaskRoutes(Backend backend) {
    this.backend = backend;
    this.bridge = backend.bridge();
  }

  public Route route() {
    return pathPrefix("tasks", () -> concat(
        path(segment("poll").slash("batch").slash(segment()), type -> get(() -> query(q -> respond(batchPoll(type, q))))),
        path(segment("poll").slash(segment()), type -> get(() -> query(q -> respond(singlePoll(type, q))))),
        path("update-v2", () -> post(() -> body(bytes -> respond(updateV2(bytes))))),
        path(segment("queue").slash("sizes"), () -> get(() -> parameterList("taskType", types -> respond(sizes(types))))),
        path(segment("queue").slash("polldata"), () -> get(() -> query(q -> respond(pollData(q))))),
        pathEndOrSingleSlash(() -> post(() -> body(bytes -> respond(update(bytes))))),
        path(segment().slash(segment()).slash("signal").slash("sync"), (wf, status) ->
            post(() -> body(bytes -> respond(signal(wf, status, bytes, true))))),
        path(segment().slash(segment()).slash("signal"), (wf, status) ->
            post(() -> body(bytes -> respond(signal(wf, status, bytes, false))))),
        pathPrefix(segment().slash(segment()), (wf, ref) -> concat(
            path(segment().slash("sync"), status ->
                post(() -> query(q -> body(bytes -> respond(updateByRef(wf, ref, status, q, bytes, true)))))),
            path(segment(), status ->
                post(() -> query(q -> body(bytes -> respond(updateByRef(wf, ref, status, q, bytes, false)))))))),
        path(segment().slash("log"), taskId -> concat(
            post(() -> body(bytes -> respond(appendLog(taskId, bytes)))),
            get(() -> respond(logs(taskId))))),
        path(segment(), taskId -> get(() -> respond(getTask(taskId))))
    ));
  }

  private CompletionStage<HttpResponse> singlePoll(String taskType, Map<String, String> q) {
    return bridge.poll(taskType, Params.string(q, "domain"), Params.string(q, "workerid"), 1, 0)
        .thenApply(tasks -> tasks.isEmpty() ? Responses.noContent() : Responses.json(WireFormat.task(tasks.get(0))));
  }

  private CompletionStage<HttpResponse> batchPoll(String taskType, Map<String, String> q) {
    int count = Params.integer(q, "count", 1, 1, MAX_BATCH);
    int timeout = Params.integer(q, "timeout", 100, 0, Integer.MAX_VALUE);
    return bridge.poll(taskType, Params.string(q, "domain"), Params.string(q, "workerid"), count,
            Math.min(timeout, WorkerBridge.MAX_POLL_MILLIS))
        .thenApply(tasks -> {
          ArrayNode out = Json.MAPPER.createArrayNode();
          for (TaskView t : tasks) out.add(WireFormat.task(t));
          return Responses.json(out);
        });
  }

  private CompletionStage<HttpResponse> update(ByteString bytes) {
    TaskResult result = readResult(bytes);
    return applyUpdate(result).thenApply(x -> Responses.text(result.taskId()));
  }

  /** The Java client's runner: update, then hand the same worker its next task of that type. */
  private CompletionStage<HttpResponse> updateV2(ByteString bytes) {
    TaskResult result = readResult(bytes);
    return applyUpdate(result)
        .thenCompose(reply -> backend.execution(result.workflowInstanceId(),
            r -> new ExecutionCommand.GetTask(result.taskId(), r)))
        .thenCompose(reply -> {
          if (!(reply instanceof ExecutionReply.Task t)) {
            return CompletableFuture.completedFuture(Responses.noContent());
          }
          return bridge.poll(t.task().task().taskType(), t.task().task().domain(), result.workerId(), 1, 0)
              .thenApply(next -> next.isEmpty() ? Responses.noContent() : Responses.json(WireFormat.task(next.get(0))));
        });
  }

  /** The signal endpoints: a status and an output map for a task found by reference or waiting. */
  private CompletionStage<HttpResponse> updateByRef(String workflowId, String ref, String status,
      Map<String, String> q, ByteString bytes, boolean sync) {
    DeciderCommand command = new DeciderCommand.UpdateTaskByRef(ref, signalStatus(status),
        outputBody(bytes), Params.string(q, "workerid"));
    return signalled(workflowId, command, sync);
  }

  private CompletionStage<HttpResponse> signal(String workflowId, String status, ByteString bytes, boolean sync) {
    return signalled(workflowId, new DeciderCommand.Signal(signalStatus(status), outputBody(bytes)), sync);
  }

  private CompletionStage<HttpResponse> signalled(String workflowId, DeciderCommand command, boolean sync) {
    return backend.decide(workflowId, command).thenApply(WorkflowRoutes::accepted).thenCompose(reply -> {
      String taskId = reply instanceof ExecutionReply.Task t ? t.task().task().taskId() : "";
      if (!sync) return CompletableFuture.completedFuture(Responses.text(taskId));
      return backend.execution(workflowId, ExecutionCommand.GetExecution::new).thenApply(read -> {
        WorkflowRoutes.accepted(read);
        return Responses.json(io.baton.http.json.WireFormat.workflow(((ExecutionReply.Execution) read).state(), true));
      });
    });
  }

  private static String signalStatus(String status) {
    try {
      TaskResult.Status.valueOf(status);
      return status;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("status must be one of IN_PROGRESS, COMPLETED, FAILED, "
          + "FAILED_WITH_TERMINAL_ERROR, not '" + status + "'");
    }
  }

  private static ObjectNode outputBody(ByteString bytes) {
    if (bytes.isEmpty()) return Json.MAPPER.createObjectNode();
    var node = Bodies.readTree(bytes);
    if (!node.isObject()) throw ApiException.badRequest("the body must be a JSON object: the task's output");
    return (ObjectNode) node;
  }

  private CompletionStage<ExecutionReply> applyUpdate(TaskResult result) {
    return backend.decide(result.workflowInstanceId(), new DeciderCommand.UpdateTask(result))
        .thenApply(WorkflowRoutes::accepted);
  }

  private static TaskResult readResult(ByteString bytes) {
    TaskResult result = Bodies.read(bytes, TaskResult.class);
    List<io.baton.runtime.definition.ValidationError> errors = new ArrayList<>();
    if (blank(result.workflowInstanceId())) {
      errors.add(new io.baton.runtime.definition.ValidationError("workflowInstanceId", "is required"));
    }
    if (blank(result.taskId())) errors.add(new io.baton.runtime.definition.ValidationError("taskId", "is required"));
    if (result.status() == null) {
      errors.add(new io.baton.runtime.definition.ValidationError("status", "is required"));
    } else {
      try {
        TaskResult.Status.valueOf(result.status());
      } catch (IllegalArgumentException e) {
        errors.add(new io.baton.runtime.definition.ValidationError("status",
            "must be one of IN_PROGRESS, COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR"));
      }
    }
    if (!errors.isEmpty()) throw ApiException.invalid(errors);
    return result;
  }

  private CompletionStage<HttpResponse> getTask(String taskId) {
    return taskOf(taskId).thenApply(view -> Responses.json(WireFormat.task(view)));
  }

  private CompletionStage<TaskView> taskOf(String taskId) {
    String workflowId = TaskIds.workflowIdOf(taskId);
    if (workflowId == null) throw ApiException.notFound("task " + taskId + " not found");
    return backend.execution(workflowId, r -> new ExecutionCommand.GetTask(taskId, r)).thenApply(reply -> {
      if (reply instanceof ExecutionReply.Task t) return t.task();
      throw ApiException.notFound("task " + taskId + " not found");
    });
  }

  private CompletionStage<HttpResponse> appendLog(String taskId, ByteString bytes) {
    String workflowId = TaskIds.workflowIdOf(taskId);
    if (workflowId == null) throw ApiException.notFound("task " + taskId + " not found");
    String line = bytes.utf8String();
    return backend.decide(workflowId, new DeciderCommand.AppendTaskLog(taskId, line))
        .thenApply(WorkflowRoutes::accepted).thenApply(x -> Responses.ok());
  }

  private CompletionStage<HttpResponse> logs(String taskId) {
    String workflowId = TaskIds.workflowIdOf(taskId);
    if (workflowId == null) throw ApiException.notFound("task " + taskId + " not found");
    return backend.execution(workflowId, ExecutionCommand.GetExecution::new).thenApply(reply -> {
      if (!(reply instanceof ExecutionReply.Execution e) || e.state().task(taskId).isEmpty()) {
        throw ApiException.notFound("task " + taskId + " not found");
      }
      ExecutionState s = e.state();
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (TaskLog log : s.logs().getOrDefault(taskId, List.of())) {
        out.addObject().put("log", log.log()).put("taskId", log.taskId()).put("createdTime", log.createdTime());
      }
      return Responses.json(out);
    });
  }

  private CompletionStage<HttpResponse> sizes(List<String> taskTypes) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    CompletionStage<Map<String, Long>> all = CompletableFuture.completedFuture(sizes);
    for (String type : taskTypes) {
      all = all.thenCombine(bridge.size(type, null), (m, n) -> {
        m.put(type, n);
        return m;
      });
    }
    return all.thenApply(Responses::json);
  }

  private CompletionStage<HttpResponse> pollData(Map<String, String> q) {
    String type = Params.string(q, "taskType");
    if (type == null) throw ApiException.badRequest("query parameter 'taskType' is required");
    return bridge.pollData(type, null).thenApply(list -> {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (var p : list) {
        ObjectNode n = out.addObject().put("queueName", p.queueName());
        if (p.domain() != null) n.put("domain", p.domain());
        if (p.workerId() != null) n.put("workerId", p.workerId());
        n.put("lastPollTime", p.lastPollTime());
      }
      return Responses.json(out);
    });
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
