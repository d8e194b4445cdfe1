package io.baton.http.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.http.json.Json;
import io.baton.runtime.catalog.CatalogCommand;
import io.baton.runtime.catalog.CatalogReply;
import io.baton.runtime.definition.DefinitionValidator;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.ValidationError;
import io.baton.runtime.definition.WorkflowDef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/** /api/metadata: workflow and task definitions. */
public final class MetadataRoutes extends RouteSupport {
  private final Backend backend;

  public MetadataRoutes(Backend backend) {
    this.backend = backend;
  }

  public Route route() {
    return pathPrefix("metadata", () -> concat(
        pathPrefix("workflow", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> body(this::createWorkflow)),
                put(() -> body(this::putWorkflows)),
                get(() -> respond(listWorkflows(false))))),
            path("latest-versions", () -> get(() -> respond(listWorkflows(true)))),
            path(segment().slash(integerSegment()), (name, version) ->
                delete(() -> respond(done(backend.catalog(r -> new CatalogCommand.DeleteWorkflowDef(name, version, r)))))),
            path(segment(), name -> get(() -> query(q -> respond(getWorkflow(name, Params.integer(q, "version"))))))
        )),
        pathPrefix("taskdefs", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> body(this::createTaskDefs)),
                put(() -> body(this::updateTaskDef)),
                get(() -> respond(backend.catalog(CatalogCommand.ListTaskDefs::new)
                    .thenApply(r -> Responses.json(taskDefs(r))))))),
            path(segment(), name -> concat(
                get(() -> respond(backend.catalog(r -> new CatalogCommand.GetTaskDef(name, r))
                    .thenApply(r -> Responses.json(taskDefs(r).get(0))))),
                delete(() -> respond(done(backend.catalog(r -> new CatalogCommand.DeleteTaskDef(name, r)))))))
        ))));
  }

  private Route createWorkflow(ByteString bytes) {
    WorkflowDef def = Bodies.read(bytes, WorkflowDef.class);
    requireValid(DefinitionValidator.validate(def));
    return respond(done(backend.catalog(r -> new CatalogCommand.CreateWorkflowDef(def, r))));
  }

  private Route putWorkflows(ByteString bytes) {
    List<WorkflowDef> defs = Bodies.readList(bytes, WorkflowDef.class);
    List<ValidationError> errors = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      prefixed(errors, "[" + i + "]", DefinitionValidator.validate(defs.get(i)));
    }
    requireValid(errors);
    return respond(backend.catalog(r -> new CatalogCommand.PutWorkflowDefs(defs, r)).thenApply(reply -> {
      check(reply);
      ObjectNode bulk = Json.MAPPER.createObjectNode();
      ArrayNode ok = bulk.putArray("bulkSuccessfulResults");
      defs.forEach(d -> ok.add(d.name()));
      bulk.putObject("bulkErrorResults");
      return Responses.json(bulk);
    }));
  }

  private Route createTaskDefs(ByteString bytes) {
    List<TaskDef> defs = Bodies.readList(bytes, TaskDef.class);
    List<ValidationError> errors = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      prefixed(errors, "[" + i + "]", DefinitionValidator.validate(defs.get(i)));
    }
    requireValid(errors);
    return respond(done(backend.catalog(r -> new CatalogCommand.PutTaskDefs(defs, r))));
  }

  private Route updateTaskDef(ByteString bytes) {
    TaskDef def = Bodies.read(bytes, TaskDef.class);
    requireValid(DefinitionValidator.validate(def));
    return respond(done(backend.catalog(r -> new CatalogCommand.UpdateTaskDef(def, r))));
  }

  private CompletionStage<HttpResponse> listWorkflows(boolean latestOnly) {
    return backend.catalog(r -> new CatalogCommand.ListWorkflowDefs(latestOnly, r))
        .thenApply(r -> Responses.json(workflowDefs(r)));
  }

  private CompletionStage<HttpResponse> getWorkflow(String name, Integer version) {
    return backend.catalog(r -> new CatalogCommand.GetWorkflowDef(name, version, r))
        .thenApply(r -> Responses.json(workflowDefs(r).get(0)));
  }

  private static CompletionStage<HttpResponse> done(CompletionStage<CatalogReply> reply) {
    return reply.thenApply(r -> {
      check(r);
      return Responses.ok();
    });
  }

  static List<WorkflowDef> workflowDefs(CatalogReply reply) {
    check(reply);
    if (reply instanceof CatalogReply.WorkflowDefs defs) return defs.defs();
    throw new IllegalStateException("unexpected catalog reply " + reply);
  }

  private static List<TaskDef> taskDefs(CatalogReply reply) {
    check(reply);
    if (reply instanceof CatalogReply.TaskDefs defs) return defs.defs();
    throw new IllegalStateException("unexpected catalog reply " + reply);
  }

  static void check(CatalogReply reply) {
    if (reply instanceof CatalogReply.NotFound nf) throw ApiException.notFound(nf.message());
    if (reply instanceof CatalogReply.Conflict c) throw ApiException.conflict(c.message());
    if (reply instanceof CatalogReply.Invalid i) {
      throw ApiException.invalid(List.of(new ValidationError("tasks", i.message())));
    }
  }

  static void requireValid(List<ValidationError> errors) {
    if (!errors.isEmpty()) throw ApiException.invalid(errors);
  }

  private static void prefixed(List<ValidationError> into, String prefix, List<ValidationError> errors) {
    for (ValidationError e : errors) {
      into.add(new ValidationError(e.path().isEmpty() ? prefix : prefix + "." + e.path(), e.message()));
    }
  }
}
