package io.baton.runtime.expr;

import java.util.List;

/** What the text between {@code ${} and {@code }} refers to, compiled once by {@link ReferenceCompiler}. */
sealed interface Reference {

  /** {@code ${}} or only blanks: Conductor replaces it with an empty string. */
  record Empty() implements Reference {}

  /** {@code ${CPEWF_TASK_ID}}: the id of the task being scheduled. */
  record TaskId() implements Reference {}

  /**
   * A root document and a JSONPath into it; {@code path} null means the whole root.
   *
   * @param scope empty when {@code path} is relative to this root's document. When the path names
   *     roots with {@code $} (in a filter or a function argument, where Conductor's {@code $} is the
   *     document of all roots), the roots it names, this one first: {@code path} is then
   *     {@code $['name']...} over a document holding just these roots.
   */
  record Root(String name, JsonPathQuery path, List<String> scope) implements Reference {}

  /** Text that cannot be evaluated: it resolves to null, and the validator reports {@code reason}. */
  record Invalid(String reason) implements Reference {}
}
