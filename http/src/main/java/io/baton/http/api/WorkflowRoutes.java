package io.baton.http.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.http.json.Json;
import io.baton.http.json.WireFormat;
import io.baton.runtime.catalog.CatalogCommand;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.Rejection;
import io.baton.runtime.definition.DefinitionValidator;
import io.baton.runtime.definition.ValidationError;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.entity.ExecutionCommand;
import io.baton.runtime.entity.ExecutionReply;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.readside.WorkflowIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/** /api/workflow: start, read, terminate and remove executions. */
public final class WorkflowRoutes extends RouteSupport {
  private final Backend backend;
  private final WorkflowIndex index;

  public WorkflowRoutes(Backend backend, WorkflowIndex index) {
    this.backend = backend;
    this.index = index;
  }

  public Route route() {
    return pathPrefix("workflow", () -> concat(
        pathEndOrSingleSlash(() -> post(() -> body(this::startFromRequest))),
        path(segment("running").slash(segment()), name -> get(() -> query(q ->
            respond(index.running(name, Params.integer(q, "version")).thenApply(Responses::json))))),
        path(segment().slash("correlated").slash(segment()), (name, correlationId) -> get(() -> query(q ->
            respond(correlated(name, correlationId, Params.bool(q, "includeClosed", false),
                Params.bool(q, "includeTasks", false)))))),
        path(segment().slash("status"), id -> get(() -> respond(read(id).thenApply(s -> Responses.json(WireFormat.status(s)))))),
        path(segment().slash("remove"), id -> delete(() -> respond(
            accepted(backend.decide(id, new DeciderCommand.RemoveWorkflow())).thenApply(x -> Responses.ok())))),
        path(segment(), idOrName -> concat(
            get(() -> query(q -> respond(read(idOrName).thenApply(s ->
                Responses.json(WireFormat.workflow(s, Params.bool(q, "includeTasks", true))))))),
            post(() -> query(q -> body(bytes -> startByName(idOrName, q, bytes)))),
            delete(() -> query(q -> respond(accepted(backend.decide(idOrName,
                new DeciderCommand.TerminateWorkflow(Params.string(q, "reason"))))
                .thenApply(x -> Responses.ok()))))))
    ));
  }

  private Route startByName(String name, Map<String, String> q, ByteString bytes) {
    ObjectNode input = bytes.isEmpty() ? Json.MAPPER.createObjectNode() : objectBody(bytes);
    StartRequest request = new StartRequest(name, Params.integer(q, "version"),
        Params.string(q, "correlationId"), input, null, null,
        Params.integer(q, "priority"), null, null);
    return respond(start(request));
  }

  private Route startFromRequest(ByteString bytes) {
    return respond(start(Bodies.read(bytes, StartRequest.class)));
  }

  private static ObjectNode objectBody(ByteString bytes) {
    JsonNode node = Bodies.readTree(bytes);
    if (!node.isObject()) throw ApiException.badRequest("the body must be a JSON object of workflow input");
    return (ObjectNode) node;
  }

  private CompletionStage<HttpResponse> start(StartRequest req) {
    List<ValidationError> errors = new ArrayList<>();
    WorkflowDef inline = req.workflowDef();
    String name = req.name() != null ? req.name() : inline == null ? null : inline.name();
    if (inline != null) {
      for (ValidationError e : DefinitionValidator.validate(inline)) {
        errors.add(new ValidationError("workflowDef." + e.path(), e.message()));
      }
    } else if (name == null || name.isBlank()) {
      errors.add(new ValidationError("name", "must not be blank"));
    }
    int priority = req.priority() == null ? 0 : req.priority();
    if (priority < 0 || priority > 99) errors.add(new ValidationError("priority", "must be between 0 and 99"));
    if (!errors.isEmpty()) throw ApiException.invalid(errors);

    String workflowId = req.idempotencyKey() == null || req.idempotencyKey().isBlank()
        ? UUID.randomUUID().toString()
        : UUID.nameUUIDFromBytes((name + '\0' + req.idempotencyKey()).getBytes(StandardCharsets.UTF_8)).toString();
    boolean failOnDuplicate = "FAIL".equalsIgnoreCase(req.idempotencyStrategy());

    return backend.catalog(r -> new CatalogCommand.ResolveForStart(name, req.version(), inline, r))
        .thenCompose(reply -> {
          WorkflowDef snapshot = MetadataRoutes.workflowDefs(reply).get(0);
          return backend.decide(workflowId, new DeciderCommand.StartWorkflow(snapshot,
              req.input() == null ? Json.MAPPER.createObjectNode() : req.input(), req.correlationId(),
              priority, req.taskToDomain(), null, null));
        })
        .thenApply(reply -> {
          if (reply instanceof ExecutionReply.Rejected rejected
              && rejected.rejection().kind() == Rejection.Kind.CONFLICT
              && req.idempotencyKey() != null && !failOnDuplicate) {
            return Responses.text(workflowId);
          }
          accepted(reply);
          return Responses.text(workflowId);
        });
  }

  private CompletionStage<HttpResponse> correlated(String name, String correlationId,
      boolean includeClosed, boolean includeTasks) {
    return index.correlated(name, correlationId).thenCompose(ids -> {
      List<CompletionStage<ExecutionReply>> reads = new ArrayList<>();
      for (String id : ids) reads.add(backend.execution(id, ExecutionCommand.GetExecution::new));
      CompletionStage<List<JsonNode>> all = java.util.concurrent.CompletableFuture.completedFuture(new ArrayList<>());
      for (CompletionStage<ExecutionReply> read : reads) {
        all = all.thenCombine(read, (list, reply) -> {
          if (reply instanceof ExecutionReply.Execution e
              && (includeClosed || !e.state().status().terminal())) {
            list.add(WireFormat.workflow(e.state(), includeTasks));
          }
          return list;
        });
      }
      return all.thenApply(Responses::json);
    });
  }

  private CompletionStage<ExecutionState> read(String workflowId) {
    return backend.execution(workflowId, ExecutionCommand.GetExecution::new).thenApply(reply -> {
      if (reply instanceof ExecutionReply.Execution e) return e.state();
      accepted(reply);
      throw new IllegalStateException("unexpected reply " + reply);
    });
  }

  private static CompletionStage<ExecutionReply> accepted(CompletionStage<ExecutionReply> reply) {
    return reply.thenApply(WorkflowRoutes::accepted);
  }

  static ExecutionReply accepted(ExecutionReply reply) {
    if (reply instanceof ExecutionReply.Rejected rejected) {
      throw ApiException.of(rejected.rejection());
    }
    return reply;
  }
}
