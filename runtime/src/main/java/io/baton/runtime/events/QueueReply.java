package io.baton.runtime.events;

import io.baton.runtime.CborSerializable;
import java.util.List;

/** Answers of an EventQueue entity. */
public sealed interface QueueReply extends CborSerializable {
  /** The message is durable; {@code duplicate} when it was already there. */
  record Published(String messageId, boolean duplicate) implements QueueReply {}

  record Pending(List<QueuedMessage> messages) implements QueueReply {}
}
