package io.baton.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few calls of the Conductor REST API (API.md) the load generator makes, over HTTP/1.1 keep-alive.
 * Given several servers, every call goes to the next one in turn, as behind a round-robin load
 * balancer: a worker polling one node gets tasks of executions started on another. Definitions are
 * registered on the first only, so they are in place before anything else is sent.
 */
public final class ConductorClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> apis;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient http;
  private final Duration timeout;

  /** A task as a worker sees it after a poll: just what the load generator reads. */
  public record PolledTask(String taskId, String workflowId, String correlationId, JsonNode input) {}

  /** A request that got no answer, or an answer other than 2xx. */
  public static final class CallFailed extends RuntimeException {
    public CallFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public ConductorClient(URI base, Duration timeout, Executor executor) {
    this(List.of(base), timeout, executor);
  }

  /** @param bases the servers' base URLs, without {@code /api}; at least one */
  public ConductorClient(List<URI> bases, Duration timeout, Executor executor) {
    if (bases.isEmpty()) throw new IllegalArgumentException("no server URL");
    this.apis = bases.stream().map(b -> b.toString() + "/api").toList();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(executor)
        .build();
  }

  private static String baseOf(String api) {
    return api.substring(0, api.length() - "/api".length());
  }

  /** POST /metadata/taskdefs: creates or replaces, so re-runs are idempotent. */
  public void registerTaskDefs(String jsonArray) {
    send(json(apis.get(0), "/metadata/taskdefs").POST(body(jsonArray)));
  }

  /** PUT /metadata/workflow: an upsert, so re-runs are idempotent. */
  public void putWorkflowDefs(String jsonArray) {
    send(json(apis.get(0), "/metadata/workflow").PUT(body(jsonArray)));
  }

  public String startWorkflow(String name, String correlationId, String input) {
    return send(startRequest(name, correlationId, input)).trim();
  }

  /** The same start without blocking the caller: the open loop must never wait for an answer. */
  public CompletableFuture<String> startWorkflowAsync(String name, String correlationId, String input) {
    return http.sendAsync(startRequest(name, correlationId, input).build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          if (error != null) throw new CallFailed("POST /workflow/" + name + ": " + error, error);
          return checked("POST /workflow/" + name, response).trim();
        });
  }

  private HttpRequest.Builder startRequest(String name, String correlationId, String input) {
    return json("/workflow/" + enc(name) + "?correlationId=" + enc(correlationId)).POST(body(input));
  }

  /**
   * GET /tasks/poll/batch/{type}. API.md answers 200 with [] when there is nothing; some servers
   * answer 204 or an empty body instead, which count as nothing too.
   */
  public List<PolledTask> pollBatch(String taskType, String workerId, int count, int timeoutMs) {
    String text = send(request("/tasks/poll/batch/" + enc(taskType) + "?count=" + count + "&timeout=" + timeoutMs
        + "&workerid=" + enc(workerId)).GET());
    if (text.isBlank()) return List.of();
    JsonNode array = parse(text);
    if (!array.isArray()) throw new CallFailed("batch poll answered something other than an array: " + abbreviate(text), null);
    List<PolledTask> tasks = new ArrayList<>(array.size());
    for (JsonNode t : array) {
      tasks.add(new PolledTask(t.path("taskId").asText(), t.path("workflowInstanceId").asText(),
          t.path("correlationId").asText(null), t.path("inputData")));
    }
    return tasks;
  }

  /** POST /tasks with a COMPLETED TaskResult. */
  public void completeTask(String workflowId, String taskId, String workerId, JsonNode output) {
    ObjectNode result = JSON.createObjectNode();
    result.put("workflowInstanceId", workflowId);
    result.put("taskId", taskId);
    result.put("status", "COMPLETED");
    result.put("workerId", workerId);
    result.set("outputData", output);
    send(json("/tasks").POST(body(result.toString())));
  }

  /** The same update without blocking: a worker sends a whole batch's updates at once. */
  public CompletableFuture<Void> completeTaskAsync(String workflowId, String taskId, String workerId, JsonNode output) {
    ObjectNode result = JSON.createObjectNode();
    result.put("workflowInstanceId", workflowId);
    result.put("taskId", taskId);
    result.put("status", "COMPLETED");
    result.put("workerId", workerId);
    result.set("outputData", output);
    return http.sendAsync(json("/tasks").POST(body(result.toString())).build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          if (error != null) throw new CallFailed("POST /tasks: " + error, error);
          checked("POST /tasks", response);
          return null;
        });
  }

  /** POST /tasks/{workflowId}/{taskRefName}/COMPLETED: how a HUMAN task is finished. */
  public void completeByRef(String workflowId, String taskRef, String workerId, String output) {
    send(json("/tasks/" + enc(workflowId) + "/" + enc(taskRef) + "/COMPLETED?workerid=" + enc(workerId))
        .POST(body(output)));
  }

  /** DELETE /workflow/{id}: terminates the execution. */
  public void terminate(String workflowId, String reason) {
    send(request("/workflow/" + enc(workflowId) + "?reason=" + enc(reason)).DELETE());
  }

  /** GET /workflow/{id}?includeTasks=false, reduced to the status. */
  public String workflowStatus(String workflowId) {
    String text = send(request("/workflow/" + enc(workflowId) + "?includeTasks=false").GET());
    return parse(text).path("status").asText("MISSING");
  }

  /**
   * A GET outside /api (for example /actuator/prometheus) on the first server, or null when it does
   * not answer 200.
   */
  public String getOutsideApi(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseOf(apis.get(0)) + path)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    String what = request.method() + " " + request.uri().getRawPath();
    try {
      return checked(what, http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new CallFailed(what + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed(what + ": interrupted", e);
    }
  }

  private static String checked(String what, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status / 100 != 2) throw new CallFailed(what + " answered " + status + ": " + abbreviate(response.body()), null);
    return status == 204 ? "" : response.body();
  }

  /** A request to the next server in turn. */
  private HttpRequest.Builder request(String path) {
    return request(apis.get(Math.floorMod(next.getAndIncrement(), apis.size())), path);
  }

  private HttpRequest.Builder request(String api, String path) {
    return HttpRequest.newBuilder(URI.create(api + path)).timeout(timeout);
  }

  private HttpRequest.Builder json(String path) {
    return request(path).header("Content-Type", "application/json");
  }

  private HttpRequest.Builder json(String api, String path) {
    return request(api, path).header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher body(String text) {
    return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new CallFailed("answer is not JSON: " + abbreviate(text), e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String abbreviate(String s) {
    if (s == null) return "";
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
