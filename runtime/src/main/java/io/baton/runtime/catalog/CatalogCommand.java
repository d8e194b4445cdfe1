package io.baton.runtime.catalog;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Requests to the definition catalog. Definitions arrive here already validated. */
public sealed interface CatalogCommand extends CborSerializable {
  /** POST: refuses a name and version that exist. */
  record CreateWorkflowDef(WorkflowDef def, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  /** PUT: creates or replaces each, all in one write. */
  record PutWorkflowDefs(List<WorkflowDef> defs, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  /** {@code version} null means the latest. */
  record GetWorkflowDef(String name, Integer version, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  record ListWorkflowDefs(boolean latestOnly, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  record DeleteWorkflowDef(String name, int version, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  /** POST: creates or replaces each. */
  record PutTaskDefs(List<TaskDef> defs, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  /** PUT: replaces one that exists. */
  record UpdateTaskDef(TaskDef def, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  record GetTaskDef(String name, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  record ListTaskDefs(ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  record DeleteTaskDef(String name, ActorRef<CatalogReply> replyTo) implements CatalogCommand {}

  /**
   * The snapshot an execution starts with: the registered definition (or {@code inline}) with the
   * registered task definitions written into its tasks.
   */
  record ResolveForStart(String name, Integer version, WorkflowDef inline,
      ActorRef<CatalogReply> replyTo) implements CatalogCommand {}
}
