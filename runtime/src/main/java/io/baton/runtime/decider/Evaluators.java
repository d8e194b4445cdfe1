package io.baton.runtime.decider;

import io.baton.runtime.script.JavaScriptEvaluator;
import io.baton.runtime.script.JqEvaluator;

/**
 * The script engines operators use. Created once per JVM on first use (a JavaScript engine takes
 * about a second to start); both are thread-safe and sandboxed.
 */
final class Evaluators {
  private Evaluators() {}

  private static final class Js {
    static final JavaScriptEvaluator INSTANCE = new JavaScriptEvaluator(JavaScriptEvaluator.Limits.defaults());
  }

  private static final class Jq {
    static final JqEvaluator INSTANCE = new JqEvaluator();
  }

  static JavaScriptEvaluator javaScript() {
    return Js.INSTANCE;
  }

  static JqEvaluator jq() {
    return Jq.INSTANCE;
  }
}
