package io.baton.runtime.events;

import io.baton.runtime.CborSerializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every registered event handler, by name. */
public record RegistryState(Map<String, EventHandlerDef> handlers) implements CborSerializable {

  public static RegistryState empty() {
    return new RegistryState(Map.of());
  }

  public boolean has(String name) {
    return handlers.containsKey(name);
  }

  /** All handlers, by name. */
  public List<EventHandlerDef> all() {
    return List.copyOf(new TreeMap<>(handlers).values());
  }

  public List<EventHandlerDef> forEvent(String event, boolean activeOnly) {
    List<EventHandlerDef> out = new ArrayList<>();
    for (EventHandlerDef h : all()) {
      if (h.event().equals(event) && (!activeOnly || h.activeOrDefault())) out.add(h);
    }
    return out;
  }

  public RegistryState with(EventHandlerDef handler) {
    Map<String, EventHandlerDef> copy = new HashMap<>(handlers);
    copy.put(handler.name(), handler);
    return new RegistryState(Map.copyOf(copy));
  }

  public RegistryState without(String name) {
    Map<String, EventHandlerDef> copy = new HashMap<>(handlers);
    copy.remove(name);
    return new RegistryState(Map.copyOf(copy));
  }
}
