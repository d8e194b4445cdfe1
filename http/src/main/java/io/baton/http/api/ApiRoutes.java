package io.baton.http.api;

import io.baton.runtime.readside.WorkflowIndex;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole REST API under /api, with every failure answered as Conductor's JSON error. */
public final class ApiRoutes extends RouteSupport {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  private final MetadataRoutes metadata;
  private final WorkflowRoutes workflows;
  private final TaskRoutes tasks;
  private final EventRoutes events;
  private final long maxBodyBytes;

  public ApiRoutes(Backend backend, WorkflowIndex index, long maxBodyBytes) {
    this.metadata = new MetadataRoutes(backend);
    this.workflows = new WorkflowRoutes(backend, index);
    this.tasks = new TaskRoutes(backend);
    this.events = new EventRoutes(backend);
    this.maxBodyBytes = maxBodyBytes;
  }

  public Route route() {
    ExceptionHandler errors = ExceptionHandler.newBuilder()
        .matchAny(e -> complete(toResponse(e)))
        .build();
    RejectionHandler rejections = RejectionHandler.defaultHandler()
        .mapRejectionResponse(ApiRoutes::asJson);
    return handleExceptions(errors, () -> handleRejections(rejections, () ->
        withSizeLimit(maxBodyBytes, () -> pathPrefix("api", () -> concat(
            metadata.route(), workflows.route(), tasks.route(), events.route())))));
  }

  static HttpResponse toResponse(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ApiException api) return Responses.error(api);
    if (e instanceof EntityStreamSizeException size) {
      return Responses.error(413, "request body is larger than the limit of " + size.limit() + " bytes");
    }
    if (e instanceof TimeoutException) {
      return Responses.error(503, "the server did not answer in time; retry the request");
    }
    LOG.error("unexpected failure serving a request", e);
    return Responses.error(500, "internal error: " + e.getClass().getSimpleName());
  }

  /** Pekko's own rejections (unknown path, wrong method, ...) in Conductor's error shape. */
  private static HttpResponse asJson(HttpResponse response) {
    String message = response.entity() instanceof HttpEntity.Strict strict
        ? strict.getData().utf8String() : response.status().reason();
    int status = response.status().intValue();
    if (status == 413) message = "request body is larger than the limit";
    return Responses.error(status, message);
  }
}
