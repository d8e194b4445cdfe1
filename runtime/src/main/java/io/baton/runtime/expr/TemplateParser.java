package io.baton.runtime.expr;

import io.baton.runtime.expr.StringTemplate.Expression;
import io.baton.runtime.expr.StringTemplate.NestedExpression;
import io.baton.runtime.expr.StringTemplate.Segment;
import io.baton.runtime.expr.StringTemplate.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits strings into {@link StringTemplate}s. An expression runs from {@code ${} to the brace that
 * balances it (so JSONPath filters with braces and nested expressions work); {@code $${} is a
 * literal {@code ${}.
 */
final class TemplateParser {
  // Longer strings (prompts, documents) are parsed each time rather than pinned in memory;
  // the JSONPaths inside them are still cached by ReferenceCompiler.
  private static final int MAX_CACHED_LENGTH = 1024;
  private static final BoundedCache<String, StringTemplate> CACHE = new BoundedCache<>(4096);
  private static final int MAX_SHOWN = 80;

  private TemplateParser() {}

  /** True when {@code s} needs parsing at all; most strings in a template are plain. */
  static boolean mayHoldExpression(String s) {
    return s.indexOf("${") >= 0;
  }

  static StringTemplate parse(String s) {
    if (s.length() > MAX_CACHED_LENGTH) return parseUncached(s);
    return CACHE.get(s, TemplateParser::parseUncached);
  }

  static StringTemplate parseUncached(String s) {
    List<String> problems = new ArrayList<>(0);
    List<Segment> segments = segments(s, 0, s.length(), problems);
    return new StringTemplate(List.copyOf(segments), List.copyOf(problems));
  }

  private static List<Segment> segments(String s, int from, int to, List<String> problems) {
    List<Segment> out = new ArrayList<>(2);
    StringBuilder text = new StringBuilder();
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '$' && i + 2 < to && s.charAt(i + 1) == '$' && s.charAt(i + 2) == '{') {
        text.append("${");
        i += 3;
      } else if (c == '$' && i + 1 < to && s.charAt(i + 1) == '{') {
        int close = closingBrace(s, i + 2, to);
        if (close < 0) {
          problems.add("'${' at position " + i + " has no closing '}' in '" + shown(s, i, to) + "'");
          text.append(c);
          i++;
          continue;
        }
        if (text.length() > 0) {
          out.add(new Text(text.toString()));
          text.setLength(0);
        }
        out.add(expression(s, i, close, problems));
        i = close + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    if (text.length() > 0) out.add(new Text(text.toString()));
    return out;
  }

  /** The expression {@code s[open..close]}: {@code s[open]} is its {@code $}, {@code s[close]} its {@code }}. */
  private static Segment expression(String s, int open, int close, List<String> problems) {
    String inner = s.substring(open + 2, close);
    String path = inner;
    if (mayHoldExpression(inner)) {
      List<Segment> parts = segments(s, open + 2, close, problems);
      if (parts.stream().anyMatch(p -> !(p instanceof Text))) return new NestedExpression(List.copyOf(parts));
      // Only escapes inside: the path is the unescaped text.
      StringBuilder joined = new StringBuilder();
      for (Segment p : parts) joined.append(((Text) p).text());
      path = joined.toString();
    }
    Reference ref = ReferenceCompiler.of(path);
    String source = shown(s, open, close + 1);
    if (ref instanceof Reference.Empty) {
      problems.add("empty expression '" + source + "' at position " + open);
    } else if (ref instanceof Reference.Invalid invalid) {
      problems.add("expression '" + source + "' at position " + open + " " + invalid.reason());
    }
    return new Expression(ref);
  }

  /**
   * Index of the brace that closes a {@code ${} whose body starts at {@code from}, or -1. Braces
   * inside a quoted JSONPath string ({@code [?(@.s == '}')]}) do not count; quotes count only
   * within brackets or parentheses, where JSONPath has strings, so {@code ${a.it's}} still closes.
   */
  private static int closingBrace(String s, int from, int to) {
    int close = closingBrace(s, from, to, true);
    // An unbalanced quote inside brackets: fall back to plain brace counting.
    return close >= 0 ? close : closingBrace(s, from, to, false);
  }

  private static int closingBrace(String s, int from, int to, boolean quotes) {
    int braces = 1;
    int brackets = 0;
    char quote = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (quotes && brackets > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[' || c == '(') {
        brackets++;
      } else if ((c == ']' || c == ')') && brackets > 0) {
        brackets--;
      } else if (c == '{') {
        braces++;
      } else if (c == '}' && --braces == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String shown(String s, int from, int to) {
    return to - from <= MAX_SHOWN ? s.substring(from, to) : s.substring(from, from + MAX_SHOWN) + "...";
  }
}
