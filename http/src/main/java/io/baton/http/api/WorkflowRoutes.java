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
import io.baton.runtime.readside.ExecutionHistory;
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
        path(segment("bulk").slash(segment()), action -> concat(put(() -> query(q -> body(bytes ->
            respond(bulk(action, q, bytes))))), post(() -> query(q -> body(bytes -> respond(bulk(action, q, bytes))))))),
        path(segment().slash("pause"), id -> put(() -> respond(control(id, new DeciderCommand.PauseWorkflow(), Responses.ok())))),
        path(segment().slash("resume"), id -> put(() -> respond(control(id, new DeciderCommand.ResumeWorkflow(), Responses.ok())))),
        path(segment().slash("retry"), id -> post(() -> query(q -> respond(control(id,
            new DeciderCommand.RetryWorkflow(Params.bool(q, "resumeSubworkflowTasks", false)), Responses.noContent()))))),
        path(segment().slash("restart"), id -> post(() -> query(q ->
            respond(restart(id, Params.bool(q, "useLatestDefinitions", false)).thenApply(x -> Responses.noContent()))))),
        path(segment().slash("resetcallbacks"), id -> post(() ->
            respond(control(id, new DeciderCommand.ResetCallbacks(), Responses.noContent())))),
        path(segment().slash("rerun"), id -> post(() -> body(bytes -> respond(rerun(id, bytes))))),
        path(segment().slash("skiptask").slash(segment()), (id, ref) -> put(() -> body(bytes -> respond(skip(id, ref, bytes))))),
        path(segment("running").slash(segment()), name -> get(() -> query(q ->
            respond(index.running(name, Params.integer(q, "version")).thenApply(Responses::json))))),
        path(segment().slash("correlated").slash(segment()), (name, correlationId) -> get(() -> query(q ->
            respond(correlated(name, correlationId, Params.bool(q, "includeClosed", false),
                Params.bool(q, "includeTasks", false)))))),
        path(segment().slash("history"), id -> get(() -> respond(history(id)))),
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

    boolean randomId = req.idempotencyKey() == null || req.idempotencyKey().isBlank();
    String workflowId = randomId ? UUID.randomUUID().toString() : idempotentWorkflowId(name, req.idempotencyKey());
    boolean failOnDuplicate = "FAIL".equalsIgnoreCase(req.idempotencyStrategy());

    return backend.catalog(r -> new CatalogCommand.ResolveForStart(name, req.version(), inline, r))
        .thenCompose(reply -> {
          WorkflowDef snapshot = MetadataRoutes.workflowDefs(reply).get(0);
          var start = new DeciderCommand.StartWorkflow(snapshot,
              req.input() == null ? Json.MAPPER.createObjectNode() : req.input(), req.correlationId(),
              priority, req.taskToDomain(), null, null);
          // An idempotency key's id may have run before; only a random one is known to be new.
          return randomId ? backend.startNew(workflowId, start) : backend.decide(workflowId, start);
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

  /** The id every start of {@code name} with this idempotency key gets, so a repeated start finds the first. */
  public static String idempotentWorkflowId(String name, String idempotencyKey) {
    return UUID.nameUUIDFromBytes((name + '\0' + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The execution's journal, in order; read only (there is no way to change it). */
  private CompletionStage<HttpResponse> history(String id) {
    return ExecutionHistory.read(backend.system(), id).thenApply(entries -> {
      if (entries.isEmpty()) throw ApiException.notFound("workflow " + id + " not found");
      var out = Json.MAPPER.createArrayNode();
      for (ExecutionHistory.Entry e : entries) {
        ObjectNode n = out.addObject();
        n.put("sequenceNr", e.sequenceNr());
        n.put("time", e.time());
        n.put("event", e.event());
        if (e.taskId() != null) n.put("taskId", e.taskId());
        if (e.taskReferenceName() != null) n.put("taskReferenceName", e.taskReferenceName());
        if (e.attempt() != null) n.put("attempt", e.attempt());
        n.put("causedBy", e.causedBy());
        if (e.actor() != null) n.put("actor", e.actor());
        ObjectNode details = Json.MAPPER.valueToTree(e.details());
        // A definition snapshot is large and already in GET /workflow/{id}: name it, do not repeat it.
        if (details.has("definition")) {
          details.set("definition", Json.MAPPER.createObjectNode()
              .put("name", details.path("definition").path("name").asText())
              .put("version", details.path("definition").path("version").asInt()));
        }
        if (details.has("task")) ((ObjectNode) details.get("task")).remove("workflowTask");
        details.remove("time");
        n.set("details", details);
      }
      return Responses.json(out);
    });
  }

  private CompletionStage<HttpResponse> control(String id, DeciderCommand command, HttpResponse done) {
    return accepted(backend.decide(id, command)).thenApply(x -> done);
  }

  /** Restart with the snapshot, or with the latest registered definition of the same name. */
  private CompletionStage<ExecutionReply> restart(String id, boolean useLatest) {
    if (!useLatest) return accepted(backend.decide(id, new DeciderCommand.RestartWorkflow(null)));
    return read(id)
        .thenCompose(s -> backend.catalog(r -> new CatalogCommand.ResolveForStart(s.definition().name(), null, null, r)))
        .thenCompose(reply -> accepted(backend.decide(id,
            new DeciderCommand.RestartWorkflow(MetadataRoutes.workflowDefs(reply).get(0)))));
  }

  /** Conductor's RerunWorkflowRequest. */
  public record RerunRequest(String reRunFromWorkflowId, String reRunFromTaskId, ObjectNode workflowInput,
      ObjectNode taskInput, String correlationId) {}

  private CompletionStage<HttpResponse> rerun(String id, ByteString bytes) {
    RerunRequest req = bytes.isEmpty() ? new RerunRequest(null, null, null, null, null)
        : Bodies.read(bytes, RerunRequest.class);
    return control(id, new DeciderCommand.RerunWorkflow(req.reRunFromTaskId(), req.workflowInput(), req.taskInput()),
        Responses.text(id));
  }

  /** Conductor's SkipTaskRequest. */
  public record SkipRequest(ObjectNode taskInput, ObjectNode taskOutput) {}

  private CompletionStage<HttpResponse> skip(String id, String ref, ByteString bytes) {
    SkipRequest req = bytes.isEmpty() ? new SkipRequest(null, null) : Bodies.read(bytes, SkipRequest.class);
    return control(id, new DeciderCommand.SkipTask(ref, req.taskInput(), req.taskOutput()), Responses.ok());
  }

  /** The bulk endpoints: each id on its own; what went wrong is reported per id. */
  private CompletionStage<HttpResponse> bulk(String action, Map<String, String> q, ByteString bytes) {
    List<String> ids = Bodies.readList(bytes, String.class);
    if (ids.size() > 1000) throw ApiException.badRequest("at most 1000 workflow ids per bulk request");
    java.util.function.Function<String, CompletionStage<ExecutionReply>> one = switch (action) {
      case "pause" -> id -> accepted(backend.decide(id, new DeciderCommand.PauseWorkflow()));
      case "resume" -> id -> accepted(backend.decide(id, new DeciderCommand.ResumeWorkflow()));
      case "retry" -> id -> accepted(backend.decide(id, new DeciderCommand.RetryWorkflow(false)));
      case "restart" -> id -> restart(id, Params.bool(q, "useLatestDefinitions", false));
      case "terminate" -> id -> accepted(backend.decide(id, new DeciderCommand.TerminateWorkflow(Params.string(q, "reason"))));
      default -> throw ApiException.notFound("no bulk action '" + action + "'");
    };
    ObjectNode result = Json.MAPPER.createObjectNode();
    var ok = result.putArray("bulkSuccessfulResults");
    ObjectNode failed = result.putObject("bulkErrorResults");
    CompletionStage<ObjectNode> all = java.util.concurrent.CompletableFuture.completedFuture(result);
    for (String id : ids) {
      CompletionStage<String> outcome = one.apply(id).handle((reply, error) -> {
        if (error == null) return null;
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        return cause instanceof ApiException api ? api.getMessage() : cause.toString();
      });
      all = all.thenCombine(outcome, (r, problem) -> {
        if (problem == null) ok.add(id); else failed.put(id, problem);
        return r;
      });
    }
    return all.thenApply(Responses::json);
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
