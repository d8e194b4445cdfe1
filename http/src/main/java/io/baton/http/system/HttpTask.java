package io.baton.http.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.Replies;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.entity.TaskView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharset;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * The HTTP system task: one call with Pekko HTTP's pooled client. A 2xx answer completes the task
 * with {@code response {statusCode, headers, body, reasonPhrase}}; any other answer fails it with
 * the same output, so the task definition's retries apply. Nothing here blocks a thread: the
 * connect timeout is the pool's, the read timeout is a scheduler timer on the response and a
 * deadline on reading its body.
 */
public final class HttpTask implements SystemTask {
  /** Responses end up in the workflow's persisted state; bigger ones fail the task. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectReader JSON_READER =
      new ObjectMapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ActorSystem<?> system;
  private final Http http;
  private final ConnectionPoolSettings pool;
  private final LoggingAdapter log;
  private final Executor parsing;

  public HttpTask(ActorSystem<?> system) {
    this.system = system;
    this.parsing = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.http = Http.get(system);
    this.log = Logging.getLogger(system.classicSystem(), HttpTask.class);
    // Retries are the task definition's business, not the pool's; a pool big enough for every
    // system task slot; a short backoff so a peer that is back is tried again soon.
    this.pool = ConnectionPoolSettings.create(system.classicSystem())
        .withMaxRetries(0)
        .withMaxConnections(64)
        .withMaxOpenRequests(64)
        .withBaseConnectionBackoff(Duration.ofMillis(100))
        .withMaxConnectionBackoff(Duration.ofSeconds(1));
    // Pools still open when the actor system stops log an error each; close them first.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "http-task-pools",
        () -> http.shutdownAllConnectionPools().thenApply(stopped -> Done.done()));
  }

  @Override
  public String taskType() {
    return TaskTypes.HTTP;
  }

  @Override
  public CompletionStage<TaskResult> execute(TaskView view) {
    HttpRequestSpec spec;
    try {
      spec = HttpRequestSpec.of(view.task().inputData());
      return call(spec).handle((response, error) -> error == null
          ? result(view, spec, response)
          : failed(view, null, reason(spec, error)));
    } catch (HttpRequestSpec.Invalid e) {
      return CompletableFuture.completedFuture(failed(view, null, e.getMessage()));
    }
  }

  private CompletionStage<ObjectNode> call(HttpRequestSpec spec) {
    ConnectionPoolSettings settings = pool.withConnectionSettings(pool.getConnectionSettings()
        .withConnectingTimeout(spec.connectTimeout())
        // Frees a pool slot held by a peer that never answers, after our own deadline has fired.
        .withIdleTimeout(spec.connectTimeout().plus(spec.readTimeout()).plusSeconds(1)));
    CompletionStage<HttpResponse> sent = Replies.onDispatcher(system,
        http.singleRequest(spec.toRequest(), http.defaultClientHttpsContext(), settings, log));
    long readMillis = spec.readTimeout().toMillis();
    // The pool does not say when it has connected, so the wait for the answer counts both.
    long connectMillis = spec.connectTimeout().toMillis();
    return headersWithin(sent, spec.connectTimeout().plus(spec.readTimeout()),
            "no response within " + (connectMillis + readMillis) + " ms (connectionTimeOut "
                + connectMillis + " + readTimeOut " + readMillis + ") from " + spec.describe())
        // A body of up to MAX_BODY_BYTES is parsed off the dispatcher that runs actors.
        .thenCompose(response -> Replies.on(parsing, response.entity().toStrict(readMillis, MAX_BODY_BYTES, system))
            .handle((entity, error) -> {
              if (error == null) return output(response, entity);
              throw bodyFailure(spec, error);
            }));
  }

  /** The response, or a failure with {@code reason} once {@code limit} has passed. */
  private CompletionStage<HttpResponse> headersWithin(CompletionStage<HttpResponse> sent, Duration limit, String reason) {
    CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    Cancellable timer = system.scheduler().scheduleOnce(limit,
        () -> result.completeExceptionally(new Failed(reason)), system.executionContext());
    sent.whenComplete((response, error) -> {
      timer.cancel();
      boolean first = error == null ? result.complete(response) : result.completeExceptionally(error);
      // Too late: nobody will read this body, and an unread body holds its pool connection.
      if (!first && response != null) response.discardEntityBytes(system);
    });
    return result;
  }

  private static RuntimeException bodyFailure(HttpRequestSpec spec, Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof TimeoutException) {
      return new Failed("response body not read within " + spec.readTimeout().toMillis()
          + " ms (readTimeOut) from " + spec.describe());
    }
    return e instanceof RuntimeException r ? r : new CompletionException(e);
  }

  private static ObjectNode output(HttpResponse response, HttpEntity.Strict entity) {
    ObjectNode headers = NODES.objectNode();
    // Pekko keeps these two on the entity, not among the headers.
    if (!entity.getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
      headers.putArray("Content-Type").add(entity.getContentType().toString());
    }
    if (response.entity().getContentLengthOption().isPresent()) {
      headers.putArray("Content-Length").add(String.valueOf(entity.getData().length()));
    }
    for (HttpHeader h : response.getHeaders()) {
      ArrayNode values = headers.has(h.name()) ? (ArrayNode) headers.get(h.name()) : headers.putArray(h.name());
      values.add(h.value());
    }
    ObjectNode out = NODES.objectNode();
    out.put("statusCode", response.status().intValue());
    out.set("headers", headers);
    out.set("body", body(entity));
    out.put("reasonPhrase", response.status().reason());
    return out;
  }

  /**
   * JSON when the answer says it is JSON, or is a JSON object or array whatever its type says
   * (Conductor parses every body it can); otherwise the text; null when there is none.
   */
  static JsonNode body(HttpEntity.Strict entity) {
    if (entity.getData().isEmpty()) return NODES.nullNode();
    Charset charset = entity.getContentType().getCharsetOption()
        .map(HttpCharset::nioCharset).orElse(StandardCharsets.UTF_8);
    String text = entity.getData().decodeString(charset);
    String start = text.stripLeading();
    if (isJson(entity.getContentType().mediaType()) || start.startsWith("{") || start.startsWith("[")) {
      try {
        return JSON_READER.readValue(text);
      } catch (IOException notJson) {
        // Kept as text below: a body that claims JSON but is not is still worth showing.
      }
    }
    return NODES.textNode(text);
  }

  private static boolean isJson(MediaType type) {
    return type.mainType().equals("application")
        && (type.subType().equals("json") || type.subType().endsWith("+json"));
  }

  private static TaskResult result(TaskView view, HttpRequestSpec spec, ObjectNode response) {
    ObjectNode output = NODES.objectNode();
    output.set("response", response);
    int status = response.get("statusCode").asInt();
    if (status >= 200 && status < 300) {
      return new TaskResult(SystemTaskRunner.workflowIdOf(view), view.task().taskId(), "COMPLETED",
          output, null, null, null, null, null);
    }
    return failed(view, output, "HTTP " + status + " " + response.get("reasonPhrase").asText()
        + " from " + spec.describe());
  }

  private static TaskResult failed(TaskView view, ObjectNode output, String reason) {
    return new TaskResult(SystemTaskRunner.workflowIdOf(view), view.task().taskId(), "FAILED",
        output, reason, null, null, null, null);
  }

  /** What went wrong, in words a workflow author can act on. */
  static String reason(HttpRequestSpec spec, Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof Failed || e instanceof HttpRequestSpec.Invalid) return e.getMessage();
    for (Throwable c = e; c != null; c = c.getCause()) {
      String message = String.valueOf(c.getMessage());
      if (c instanceof ConnectException || message.contains("Connection refused")) {
        return "connection refused: " + spec.describe();
      }
      if (c instanceof UnknownHostException) {
        return "unknown host '" + spec.uri().host().address() + "': " + spec.describe();
      }
      if (message.contains("Connect timeout")) {
        return "connection timed out after " + spec.connectTimeout().toMillis()
            + " ms (connectionTimeOut): " + spec.describe();
      }
      if (c instanceof EntityStreamSizeException) {
        return "response body larger than " + MAX_BODY_BYTES + " bytes from " + spec.describe();
      }
    }
    return "HTTP request failed: " + spec.describe() + ": " + e;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** A failure whose message is already the task's reason. */
  private static final class Failed extends RuntimeException {
    Failed(String reason) {
      super(reason, null, false, false);
    }
  }
}
