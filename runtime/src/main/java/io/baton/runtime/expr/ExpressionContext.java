package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;

@FunctionalInterface
public interface ExpressionContext {
  JsonNode root(String name);
}
