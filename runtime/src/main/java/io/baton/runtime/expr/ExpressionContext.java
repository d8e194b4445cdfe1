package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;

/** Looks up the root of an expression path: {@code "workflow"} or a task reference name. */
@FunctionalInterface
public interface ExpressionContext {

  /**
   * The JSON document for a root name, or null if unknown. The caller builds e.g.
   * {@code "workflow" -> {"input":{..},"output":{..},"variables":{..},"workflowId":"..",...}} and
   * {@code "<taskRef>" -> {"input":{..},"output":{..},"status":"COMPLETED","taskId":"..",...}}.
   * The resolver asks for each name at most once per call and never mutates what it gets.
   */
  JsonNode root(String name);
}
