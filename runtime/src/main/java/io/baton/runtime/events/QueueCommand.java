package io.baton.runtime.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages an EventQueue entity accepts. */
public sealed interface QueueCommand extends CborSerializable {

  /** Append a message; answered once it is in the journal. A known id is not appended again. */
  record Publish(String messageId, ObjectNode payload, ActorRef<QueueReply> replyTo) implements QueueCommand {}

  /** The messages not handled yet, oldest first. */
  record GetPending(ActorRef<QueueReply> replyTo) implements QueueCommand {}

  /** Internal: handle the oldest message (after a retry delay). */
  record ProcessNext() implements QueueCommand {}

  /** Internal: how handling a message went. */
  record Processed(String messageId, List<String> errors, boolean retry) implements QueueCommand {}

  /** Internal: no message for a while. */
  record Idle() implements QueueCommand {}
}
