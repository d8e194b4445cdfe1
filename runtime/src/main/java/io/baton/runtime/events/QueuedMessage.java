package io.baton.runtime.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.CborSerializable;

/** A message on an event queue: its id (the publishing task's id), payload, and when it arrived. */
public record QueuedMessage(String id, ObjectNode payload, long publishTime) implements CborSerializable {}
