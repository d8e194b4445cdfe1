package io.baton.runtime.expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the inner text of an expression into a {@link Reference}: a root name (everything up to the
 * first {@code .} or {@code [}, or a quoted bracket name such as {@code ['my.ref']}, optionally
 * after {@code $.} / {@code $}) and a JSONPath evaluated on that root's document.
 */
final class ReferenceCompiler {
  static final String TASK_ID = "CPEWF_TASK_ID";
  static final String ROOT_REQUIRED = "must start with 'workflow' or a task reference name";

  // Longer texts are compiled every time rather than pinned in memory.
  private static final int MAX_CACHED_LENGTH = 1024;
  private static final BoundedCache<String, Reference> CACHE = new BoundedCache<>(4096);

  private ReferenceCompiler() {}

  /** The compiled form of {@code text}; shared between threads and calls. */
  static Reference of(String text) {
    if (text.length() > MAX_CACHED_LENGTH) return compile(text);
    return CACHE.get(text, ReferenceCompiler::compile);
  }

  static Reference compile(String text) {
    String t = text.trim();
    if (t.isEmpty()) return new Reference.Empty();
    if (t.equals(TASK_ID)) return new Reference.TaskId();

    int start = 0;
    if (t.charAt(0) == '$') {
      if (t.startsWith("$.") && t.length() > 2 && t.charAt(2) != '.') {
        start = 2;
      } else if (t.startsWith("$[")) {
        start = 1;
      } else {
        return new Reference.Invalid(ROOT_REQUIRED); // "$", "$..x", "$*", ...
      }
    }

    String name;
    int restStart;
    if (t.charAt(start) == '[') {
      restStart = bracketEnd(t, start);
      if (restStart < 0) return new Reference.Invalid(ROOT_REQUIRED);
      name = unquote(t.substring(start + 2, restStart - 2));
    } else {
      restStart = start;
      while (restStart < t.length() && t.charAt(restStart) != '.' && t.charAt(restStart) != '[') {
        restStart++;
      }
      name = t.substring(start, restStart);
      if (name.equals("*") || name.chars().anyMatch(Character::isWhitespace)) {
        return new Reference.Invalid(ROOT_REQUIRED);
      }
    }
    if (name.isEmpty()) return new Reference.Invalid(ROOT_REQUIRED);

    String rest = t.substring(restStart);
    if (rest.isEmpty()) return new Reference.Root(name, null, List.of());
    List<String> scope = rootsNamedIn(rest, name);
    String absolute = scope.isEmpty() ? "$" + rest : "$['" + name + "']" + rest;
    try {
      return new Reference.Root(name, JsonPathQuery.compile(absolute), scope);
    } catch (RuntimeException e) { // InvalidPathException, or anything else jayway trips on
      return new Reference.Invalid("is not a valid JSONPath: " + e.getMessage());
    }
  }

  /**
   * The roots {@code rest} refers to as {@code $.name} or {@code $['name']}, after {@code self};
   * empty when it names none. A {@code self} that a bracket path cannot spell keeps the path
   * relative (other roots then read as missing).
   */
  private static List<String> rootsNamedIn(String rest, String self) {
    if (rest.indexOf('$') < 0 || !spellable(self)) return List.of();
    Set<String> scope = new LinkedHashSet<>();
    scope.add(self);
    boolean named = false;
    for (int i = rest.indexOf('$'); i >= 0; i = rest.indexOf('$', i + 1)) {
      String name = null;
      if (rest.startsWith(".", i + 1)) {
        int end = i + 2;
        while (end < rest.length() && isNameChar(rest.charAt(end))) end++;
        name = rest.substring(i + 2, end);
      } else if (rest.startsWith("[", i + 1)) {
        int end = bracketEnd(rest, i + 1);
        if (end > 0) name = unquote(rest.substring(i + 3, end - 2));
      }
      if (name != null && !name.isEmpty()) {
        scope.add(name);
        named = true;
      }
    }
    return named ? List.copyOf(scope) : List.of();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static boolean spellable(String name) {
    return name.indexOf('\'') < 0 && name.indexOf('\\') < 0;
  }

  /**
   * Index just after {@code ['name']} / {@code ["name"]} opening at {@code open}, or -1 when the
   * bracket holds anything else (an index, a wildcard, several names).
   */
  private static int bracketEnd(String t, int open) {
    if (open + 1 >= t.length()) return -1;
    char quote = t.charAt(open + 1);
    if (quote != '\'' && quote != '"') return -1;
    for (int i = open + 2; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i + 1 < t.length() && t.charAt(i + 1) == ']' ? i + 2 : -1;
      }
    }
    return -1;
  }

  private static String unquote(String quoted) {
    if (quoted.indexOf('\\') < 0) return quoted;
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) c = quoted.charAt(++i);
      out.append(c);
    }
    return out.toString();
  }
}
