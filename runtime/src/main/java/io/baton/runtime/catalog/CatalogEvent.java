package io.baton.runtime.catalog;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;

/** Changes to the registered definitions. */
public sealed interface CatalogEvent extends CborSerializable {
  record WorkflowDefStored(WorkflowDef def) implements CatalogEvent {}

  record WorkflowDefDeleted(String name, int version) implements CatalogEvent {}

  record TaskDefStored(TaskDef def) implements CatalogEvent {}

  record TaskDefDeleted(String name) implements CatalogEvent {}
}
