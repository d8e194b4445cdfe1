package io.baton.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.runtime.script.JavaScriptEvaluator;
import io.baton.runtime.script.ScriptFailure;
import java.util.List;
import java.util.function.Supplier;

/**
 * Evaluates a handler's condition over a message payload. JavaScript (the default, also for
 * {@code graaljs}) sees the payload as {@code $}, as Conductor's conditions do
 * ({@code $.amount > 100}); {@code value-param} names a payload field whose value decides.
 */
public final class Conditions {
  public static final String JAVASCRIPT = "javascript";
  public static final String GRAALJS = "graaljs";
  public static final String VALUE_PARAM = "value-param";
  static final List<String> EVALUATOR_TYPES = List.of(JAVASCRIPT, GRAALJS, VALUE_PARAM);

  private final Supplier<JavaScriptEvaluator> javaScript;

  public Conditions(Supplier<JavaScriptEvaluator> javaScript) {
    this.javaScript = javaScript;
  }

  /** The conditions of every queue on this node share one engine, started on first use. */
  public static Conditions shared() {
    return new Conditions(io.baton.runtime.script.Scripts::javaScript);
  }

  public static boolean knows(String evaluatorType) {
    return evaluatorType == null || evaluatorType.isBlank() || EVALUATOR_TYPES.contains(evaluatorType);
  }

  /** An absent condition holds. */
  public boolean holds(String evaluatorType, String condition, JsonNode payload) throws ScriptFailure {
    if (condition == null || condition.isBlank()) return true;
    if (VALUE_PARAM.equals(evaluatorType)) return truthy(payload.get(condition.trim()));
    return javaScript.get().evaluateCondition(condition, payload);
  }

  private static boolean truthy(JsonNode v) {
    if (v == null || v.isNull()) return false;
    if (v.isBoolean()) return v.booleanValue();
    if (v.isNumber()) return v.doubleValue() != 0;
    if (v.isTextual()) return Boolean.parseBoolean(v.textValue().trim());
    return false;
  }
}
