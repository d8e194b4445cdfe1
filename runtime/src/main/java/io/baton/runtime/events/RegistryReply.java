package io.baton.runtime.events;

import io.baton.runtime.CborSerializable;
import java.util.List;

/** Answers of the event handler registry. */
public sealed interface RegistryReply extends CborSerializable {
  record Done() implements RegistryReply {}

  record Handlers(List<EventHandlerDef> handlers) implements RegistryReply {}

  record NotFound(String message) implements RegistryReply {}

  record Conflict(String message) implements RegistryReply {}
}
