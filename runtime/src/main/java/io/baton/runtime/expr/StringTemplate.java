package io.baton.runtime.expr;

import java.util.List;

/**
 * A template string split into literal text and expressions, with what is wrong with it.
 *
 * @param problems messages for the validator; the resolver ignores them (an unclosed {@code ${}
 *     stays literal text, an invalid expression resolves to null)
 */
record StringTemplate(List<Segment> segments, List<String> problems) {

  sealed interface Segment {}

  /** Literal text, with {@code $${} already turned into {@code ${}. */
  record Text(String text) implements Segment {}

  /** {@code ${...}} whose inner text holds no further expression. */
  record Expression(Reference reference) implements Segment {}

  /**
   * {@code ${...}} whose inner text holds expressions, as in {@code ${workflow.input.${workflow.input.key}}}:
   * the inner ones are interpolated as text first, then the result is evaluated.
   */
  record NestedExpression(List<Segment> path) implements Segment {}

  /** The whole string is one expression, so its value keeps its JSON type. */
  boolean isSingleExpression() {
    return segments.size() == 1 && !(segments.get(0) instanceof Text);
  }
}
