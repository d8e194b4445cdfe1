package io.baton.runtime.events;

import io.baton.runtime.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/** Requests to the event handler registry. Handlers arrive here already validated. */
public sealed interface RegistryCommand extends CborSerializable {
  /** POST: refuses a name that exists. */
  record AddHandler(EventHandlerDef handler, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  /** PUT: replaces a handler that exists. */
  record UpdateHandler(EventHandlerDef handler, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  record RemoveHandler(String name, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  record ListHandlers(ActorRef<RegistryReply> replyTo) implements RegistryCommand {}

  /** The handlers listening on one event name, only the active ones if {@code activeOnly}. */
  record HandlersFor(String event, boolean activeOnly, ActorRef<RegistryReply> replyTo) implements RegistryCommand {}
}
