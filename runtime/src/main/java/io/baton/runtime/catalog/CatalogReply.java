package io.baton.runtime.catalog;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import java.util.List;

/** Answers of the definition catalog. */
public sealed interface CatalogReply extends CborSerializable {
  record Done() implements CatalogReply {}

  record WorkflowDefs(List<WorkflowDef> defs) implements CatalogReply {}

  record TaskDefs(List<TaskDef> defs) implements CatalogReply {}

  record NotFound(String message) implements CatalogReply {}

  record Conflict(String message) implements CatalogReply {}

  /** The request cannot be stored as it is (e.g. it names a workflow that does not exist). */
  record Invalid(String message) implements CatalogReply {}
}
