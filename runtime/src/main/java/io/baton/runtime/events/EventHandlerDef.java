package io.baton.runtime.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered event handler (Conductor's EventHandler): when a message arrives on {@code event}
 * and {@code condition} holds for its payload, the {@code actions} run. Fields we do not interpret
 * are kept in {@code extra} so a handler comes back from GET as it went in.
 *
 * <p>{@code active} absent means active: Conductor's default is false, which makes a handler
 * registered without the field silently do nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventHandlerDef(
    String name,
    String event,
    String condition,
    String evaluatorType,
    List<HandlerAction> actions,
    Boolean active,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public EventHandlerDef {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  public boolean activeOrDefault() {
    return active == null || active;
  }

  /** As stored: {@code active} written out. */
  public EventHandlerDef withDefaults() {
    return new EventHandlerDef(name, event, condition, evaluatorType, actions, activeOrDefault(), extra);
  }
}
