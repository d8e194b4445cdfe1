package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Resolves Conductor parameter expressions ({@code ${workflow.input.x}}, {@code ${ref.output.a[0]}},
 * {@code ${CPEWF_TASK_ID}}, ...) inside a template, returning a new tree. Never mutates the template
 * or the context's documents, never throws for bad expressions or unknown roots: those resolve to
 * null.
 *
 * <ul>
 *   <li>A string that is exactly one expression takes the JSON value it resolves to (any type).
 *   <li>Expressions inside a longer string are interpolated: text as is, numbers and booleans as
 *       written, objects and arrays as compact JSON, null as {@code null}.
 *   <li>{@code $${} is a literal {@code ${}; an unclosed {@code ${} stays literal text; {@code ${}}
 *       is an empty string.
 *   <li>A definite path that finds nothing is null; an indefinite one (wildcard, filter, deep scan)
 *       is {@code []}.
 * </ul>
 */
public final class ParameterResolver {
  private ParameterResolver() {}

  /**
   * Resolves every expression inside {@code template} (objects, arrays, nested), returning a new
   * tree. {@code taskId} is the id of the task being scheduled, for {@code ${CPEWF_TASK_ID}}; may be
   * null, in which case that expression is null.
   */
  public static JsonNode resolve(JsonNode template, ExpressionContext ctx, String taskId) {
    if (template == null) return NullNode.getInstance();
    return new Resolution(ctx, taskId).value(template);
  }

  /** {@link #resolve} for an object template; a null template gives an empty object. */
  public static ObjectNode resolveObject(ObjectNode template, ExpressionContext ctx, String taskId) {
    if (template == null) return JsonNodeFactory.instance.objectNode();
    return new Resolution(ctx, taskId).object(template);
  }
}
