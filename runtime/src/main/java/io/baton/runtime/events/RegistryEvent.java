package io.baton.runtime.events;

import io.baton.runtime.CborSerializable;

/** Changes to the registered event handlers. */
public sealed interface RegistryEvent extends CborSerializable {
  record HandlerStored(EventHandlerDef handler) implements RegistryEvent {}

  record HandlerRemoved(String name) implements RegistryEvent {}
}
