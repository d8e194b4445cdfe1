package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

// PLACEHOLDER until the expression engine lands: returns templates unresolved.
public final class ParameterResolver {
  public static JsonNode resolve(JsonNode template, ExpressionContext ctx, String taskId) {
    return template;
  }

  public static ObjectNode resolveObject(ObjectNode template, ExpressionContext ctx, String taskId) {
    return template.deepCopy();
  }
}
