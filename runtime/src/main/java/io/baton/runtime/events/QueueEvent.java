package io.baton.runtime.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.CborSerializable;
import java.util.List;

/** What happened to an event queue. */
public sealed interface QueueEvent extends CborSerializable {
  record MessagePublished(String id, ObjectNode payload, long time) implements QueueEvent {}

  /** The message's actions were applied ({@code errors} says which could not be, and why). */
  record MessageHandled(String id, List<String> errors, long time) implements QueueEvent {}
}
