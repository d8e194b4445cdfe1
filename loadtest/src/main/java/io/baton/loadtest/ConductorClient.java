package io.baton.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The few calls of the Conductor REST API (API.md) the load generator makes, over HTTP/1.1 keep-alive.
 * Given several servers, every call goes to the next one in turn, as behind a round-robin load
 * balancer: a worker polling one node gets tasks of executions started on another. Definitions are
 * registered on the first only, so they are in place before anything else is sent.
 *
 * <p>The client runs on the same cores as the server it measures, so what it costs counts: Apache
 * HttpClient's async client answers on its I/O threads, where the JDK's client handed every
 * answer through several executor tasks and took about a third of the CPU of a W3 run.
 */
public final class ConductorClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** More than a run keeps in flight (starts, a batch of updates per worker, polls); never the limit. */
  private static final int MAX_CONNECTIONS = 4096;

  private final List<String> apis;
  private final AtomicInteger next = new AtomicInteger();
  private final CloseableHttpAsyncClient http;
  private final Duration timeout;

  /** A task as a worker sees it after a poll: just what the load generator reads. */
  public record PolledTask(String taskId, String workflowId, String correlationId, JsonNode input) {}

  /** A request that got no answer, or an answer other than 2xx. */
  public static final class CallFailed extends RuntimeException {
    public CallFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public ConductorClient(URI base, Duration timeout) {
    this(List.of(base), timeout);
  }

  /** @param bases the servers' base URLs, without {@code /api}; at least one */
  public ConductorClient(List<URI> bases, Duration timeout) {
    if (bases.isEmpty()) throw new IllegalArgumentException("no server URL");
    this.apis = bases.stream().map(b -> b.toString() + "/api").toList();
    this.timeout = timeout;
    Timeout limit = Timeout.of(timeout);
    this.http = HttpAsyncClients.custom()
        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
        .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(5))
                .setSocketTimeout(limit)
                .build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
        // A failed call is counted, not hidden behind a silent second try.
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableConnectionState()
        .build();
    this.http.start();
  }

  private static String baseOf(String api) {
    return api.substring(0, api.length() - "/api".length());
  }

  /** POST /metadata/taskdefs: creates or replaces, so re-runs are idempotent. */
  public void registerTaskDefs(String jsonArray) {
    send(json("POST", apis.get(0), "/metadata/taskdefs", jsonArray));
  }

  /** PUT /metadata/workflow: an upsert, so re-runs are idempotent. */
  public void putWorkflowDefs(String jsonArray) {
    send(json("PUT", apis.get(0), "/metadata/workflow", jsonArray));
  }

  public String startWorkflow(String name, String correlationId, String input) {
    return send(startRequest(name, correlationId, input)).trim();
  }

  /** The same start without blocking the caller: the open loop must never wait for an answer. */
  public CompletableFuture<String> startWorkflowAsync(String name, String correlationId, String input) {
    return sendAsync(startRequest(name, correlationId, input)).thenApply(String::trim);
  }

  private SimpleHttpRequest startRequest(String name, String correlationId, String input) {
    return json("POST", nextApi(), "/workflow/" + enc(name) + "?correlationId=" + enc(correlationId), input);
  }

  /**
   * GET /tasks/poll/batch/{type}. API.md answers 200 with [] when there is nothing; some servers
   * answer 204 or an empty body instead, which count as nothing too.
   */
  public List<PolledTask> pollBatch(String taskType, String workerId, int count, int timeoutMs) {
    String text = send(request("GET", nextApi(), "/tasks/poll/batch/" + enc(taskType) + "?count=" + count + "&timeout="
        + timeoutMs + "&workerid=" + enc(workerId)));
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
    send(json("POST", nextApi(), "/tasks", completed(workflowId, taskId, workerId, output)));
  }

  /** The same update without blocking: a worker sends a whole batch's updates at once. */
  public CompletableFuture<Void> completeTaskAsync(String workflowId, String taskId, String workerId, JsonNode output) {
    return sendAsync(json("POST", nextApi(), "/tasks", completed(workflowId, taskId, workerId, output)))
        .thenApply(answer -> null);
  }

  private static String completed(String workflowId, String taskId, String workerId, JsonNode output) {
    ObjectNode result = JSON.createObjectNode();
    result.put("workflowInstanceId", workflowId);
    result.put("taskId", taskId);
    result.put("status", "COMPLETED");
    result.put("workerId", workerId);
    result.set("outputData", output);
    return result.toString();
  }

  /** POST /tasks/{workflowId}/{taskRefName}/COMPLETED: how a HUMAN task is finished. */
  public void completeByRef(String workflowId, String taskRef, String workerId, String output) {
    send(json("POST", nextApi(), "/tasks/" + enc(workflowId) + "/" + enc(taskRef) + "/COMPLETED?workerid="
        + enc(workerId), output));
  }

  /** DELETE /workflow/{id}: terminates the execution. */
  public void terminate(String workflowId, String reason) {
    send(request("DELETE", nextApi(), "/workflow/" + enc(workflowId) + "?reason=" + enc(reason)));
  }

  /** GET /workflow/{id}?includeTasks=false, reduced to the status. */
  public String workflowStatus(String workflowId) {
    String text = send(request("GET", nextApi(), "/workflow/" + enc(workflowId) + "?includeTasks=false"));
    return parse(text).path("status").asText("MISSING");
  }

  /**
   * A GET outside /api (for example /actuator/prometheus) on the first server, or null when it does
   * not answer 200.
   */
  public String getOutsideApi(String path) {
    try {
      SimpleHttpResponse response = answer(SimpleHttpRequest.create("GET", URI.create(baseOf(apis.get(0)) + path)));
      return response.getCode() == 200 ? response.getBodyText() : null;
    } catch (CallFailed e) {
      return null;
    }
  }

  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
  }

  private String send(SimpleHttpRequest request) {
    return checked(what(request), answer(request));
  }

  /** Waits for the answer, a little longer than the client's own limits so that they fire first. */
  private SimpleHttpResponse answer(SimpleHttpRequest request) {
    String what = what(request);
    try {
      return call(request).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new CallFailed(what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new CallFailed(what + ": no answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed(what + ": interrupted", e);
    }
  }

  private CompletableFuture<String> sendAsync(SimpleHttpRequest request) {
    String what = what(request);
    return call(request).handle((response, error) -> {
      if (error != null) throw new CallFailed(what + ": " + error, error);
      return checked(what, response);
    });
  }

  /** One exchange; the answer completes on the client's I/O thread, so what follows must be brief. */
  private CompletableFuture<SimpleHttpResponse> call(SimpleHttpRequest request) {
    CompletableFuture<SimpleHttpResponse> answer = new CompletableFuture<>();
    http.execute(request, new FutureCallback<>() {
      @Override
      public void completed(SimpleHttpResponse response) {
        answer.complete(response);
      }

      @Override
      public void failed(Exception e) {
        answer.completeExceptionally(e);
      }

      @Override
      public void cancelled() {
        answer.completeExceptionally(new CancellationException("cancelled"));
      }
    });
    return answer;
  }

  private static String what(SimpleHttpRequest request) {
    return request.getMethod() + " " + request.getPath().split("\\?", 2)[0];
  }

  private static String checked(String what, SimpleHttpResponse response) {
    int status = response.getCode();
    String body = response.getBodyText();
    if (status / 100 != 2) throw new CallFailed(what + " answered " + status + ": " + abbreviate(body), null);
    return status == 204 || body == null ? "" : body;
  }

  /** The next server in turn. */
  private String nextApi() {
    return apis.get(Math.floorMod(next.getAndIncrement(), apis.size()));
  }

  private static SimpleHttpRequest request(String method, String api, String path) {
    return SimpleHttpRequest.create(method, URI.create(api + path));
  }

  private static SimpleHttpRequest json(String method, String api, String path, String body) {
    SimpleHttpRequest request = request(method, api, path);
    request.setBody(body, ContentType.APPLICATION_JSON);
    return request;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
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
