package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled JSONPath evaluated on Jackson trees, guarding against the two ways jayway's
 * evaluation has side effects: a function with arguments ({@code sum($.a[*])}, {@code append(1)})
 * rewrites its own compiled tokens on first use, so such a path is compiled afresh for each read;
 * and {@code append()} adds to the array it is applied to, so that path reads a copy.
 */
final class JsonPathQuery {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  // As Conductor: a path that finds nothing yields null (definite) or [] (indefinite), no exception.
  private static final Configuration CONFIGURATION = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
      .mappingProvider(new JacksonMappingProvider(MAPPER))
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();
  private static final Pattern FUNCTION_WITH_ARGUMENTS =
      Pattern.compile("[A-Za-z_]\\w*\\s*\\(\\s*[^)\\s]");
  // Plain chains of names and indexes, by far the most common paths, skip jayway: a direct walk
  // answers the same and costs a fraction. Anything else (quotes with escapes, wildcards, ...) goes
  // to jayway.
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z0-9_\\-]+)|\\[(-?\\d{1,9})]|\\['([^'\\\\]*)']");

  private final String text;
  private final List<Object> steps;
  private final JsonPath compiled;
  private final boolean reusable;
  private final boolean mutating;

  private JsonPathQuery(String text, JsonPath compiled, boolean reusable, boolean mutating) {
    this.text = text;
    this.steps = steps(text);
    this.compiled = compiled;
    this.reusable = reusable;
    this.mutating = mutating;
  }

  /** @throws InvalidPathException when jayway cannot compile {@code text} */
  static JsonPathQuery compile(String text) {
    JsonPath compiled = JsonPath.compile(text);
    return new JsonPathQuery(text, compiled,
        !FUNCTION_WITH_ARGUMENTS.matcher(text).find(), text.contains("append("));
  }

  String text() {
    return text;
  }

  /** Whether the path names one place (else: wildcards, filters, deep scan, slices). */
  boolean isDefinite() {
    return compiled.isDefinite();
  }

  /** Whether each read compiles the path again (see the class comment). */
  boolean isReusable() {
    return reusable;
  }

  boolean isMutating() {
    return mutating;
  }

  /**
   * What the path finds in {@code document}: a node of the document itself (callers copy it
   * before handing it on), a new node, or a null node when it finds nothing. Never throws.
   */
  JsonNode read(JsonNode document) {
    return steps != null ? walk(document) : readWithJayway(document);
  }

  /** {@link #read} by jayway alone; package-private so tests can hold the fast walk against it. */
  JsonNode readWithJayway(JsonNode document) {
    try {
      JsonPath path = reusable ? compiled : JsonPath.compile(text);
      JsonNode target = mutating ? document.deepCopy() : document;
      Object found = path.read(target, CONFIGURATION);
      if (found == null) return NullNode.getInstance();
      if (found instanceof JsonNode node) return node;
      return MAPPER.valueToTree(found); // functions answer with plain Java values
    } catch (RuntimeException e) {
      // SUPPRESS_EXCEPTIONS covers missing paths; this covers e.g. a function on the wrong type.
      return NullNode.getInstance();
    }
  }

  /** Names (String) and indexes (Integer) of a plain path such as {@code $.a.b[1]['c-d']}, else null. */
  private static List<Object> steps(String text) {
    if (!text.startsWith("$")) return null;
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(text);
    int at = 1;
    while (at < text.length()) {
      m.region(at, text.length());
      if (!m.lookingAt()) return null;
      if (m.group(1) != null) {
        steps.add(m.group(1));
      } else if (m.group(2) != null) {
        steps.add(Integer.valueOf(m.group(2)));
      } else {
        steps.add(m.group(3));
      }
      at = m.end();
    }
    return steps.isEmpty() ? null : List.copyOf(steps);
  }

  /** Follows {@link #steps}; answers as jayway does: a missing step is null, index -1 is the last. */
  private JsonNode walk(JsonNode document) {
    JsonNode node = document;
    for (Object step : steps) {
      if (step instanceof String name) {
        node = node.isObject() ? node.get(name) : null;
      } else {
        int index = (Integer) step;
        if (!node.isArray()) return NullNode.getInstance();
        node = node.get(index < 0 ? node.size() + index : index);
      }
      if (node == null) return NullNode.getInstance();
    }
    return node;
  }
}
