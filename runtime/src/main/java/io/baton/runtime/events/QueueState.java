package io.baton.runtime.events;

import io.baton.runtime.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An event queue: messages not handled yet, oldest first, and the ids of the latest handled ones
 * (bounded), so that publishing the same message again is recognised without keeping every id.
 */
public record QueueState(List<QueuedMessage> pending, List<String> recentlyHandled) implements CborSerializable {
  static final int REMEMBERED_IDS = 1000;

  public static QueueState empty() {
    return new QueueState(List.of(), List.of());
  }

  public boolean knows(String id) {
    return isPending(id) || recentlyHandled.contains(id);
  }

  public boolean isPending(String id) {
    for (QueuedMessage m : pending) {
      if (m.id().equals(id)) return true;
    }
    return false;
  }

  public QueueState published(QueuedMessage message) {
    List<QueuedMessage> copy = new ArrayList<>(pending);
    copy.add(message);
    return new QueueState(List.copyOf(copy), recentlyHandled);
  }

  public QueueState handled(String id) {
    List<QueuedMessage> rest = new ArrayList<>(pending);
    rest.removeIf(m -> m.id().equals(id));
    List<String> recent = new ArrayList<>(recentlyHandled);
    recent.add(id);
    if (recent.size() > REMEMBERED_IDS) recent = recent.subList(recent.size() - REMEMBERED_IDS, recent.size());
    return new QueueState(List.copyOf(rest), List.copyOf(recent));
  }
}
