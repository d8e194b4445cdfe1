package io.baton.runtime.script;

/**
 * The node's script engines, shared by everything that runs scripts (the decider's operators,
 * event handler conditions). Created once on first use: a JavaScript engine takes about a second
 * to start. Both are thread-safe and sandboxed.
 */
public final class Scripts {
  private Scripts() {}

  private static final class Js {
    static final JavaScriptEvaluator INSTANCE = new JavaScriptEvaluator(JavaScriptEvaluator.Limits.defaults());
  }

  private static final class Jq {
    static final JqEvaluator INSTANCE = new JqEvaluator();
  }

  public static JavaScriptEvaluator javaScript() {
    return Js.INSTANCE;
  }

  public static JqEvaluator jq() {
    return Jq.INSTANCE;
  }
}
