package io.baton.runtime.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Conductor's {@code expandInlineJSON}: string values that hold a JSON object or array become that
 * object or array, at any depth, so expressions can reach inside them. Other strings stay text.
 */
public final class InlineJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InlineJson() {}

  /** A new tree; {@code node} is not changed. */
  public static JsonNode expand(JsonNode node) {
    if (node == null) return null;
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(f.getKey(), expand(f.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : node) out.add(expand(item));
      return out;
    }
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (text.startsWith("{") || text.startsWith("[")) {
        try {
          return expand(JSON.readTree(text));
        } catch (JsonProcessingException e) {
          return node; // looks like JSON but is not: it stays the text it was
        }
      }
    }
    return node;
  }
}
