package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds expressions in a template that cannot work: an unclosed {@code ${}, an empty {@code ${}},
 * a path JSONPath cannot compile, or one that does not start with a root name. Expressions built
 * from nested expressions are checked only in their parts, since their path exists at run time.
 */
public final class ExpressionValidator {
  private ExpressionValidator() {}

  /** A problem in the string at {@code path}, e.g. {@code tasks[2].inputParameters.x}. */
  public record Problem(String path, String message) {}

  /**
   * Problems with the expressions in {@code template}, each at a path starting with {@code
   * pathPrefix} ({@code .key} for object members, {@code [i]} for array items); empty when all
   * parse.
   */
  public static List<Problem> validate(String pathPrefix, JsonNode template) {
    List<Problem> problems = new ArrayList<>();
    if (template != null) walk(pathPrefix == null ? "" : pathPrefix, template, problems);
    return List.copyOf(problems);
  }

  private static void walk(String path, JsonNode node, List<Problem> problems) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(path + "[" + i + "]", node.get(i), problems);
    } else if (node.isTextual() && TemplateParser.mayHoldExpression(node.textValue())) {
      for (String message : TemplateParser.parse(node.textValue()).problems()) {
        problems.add(new Problem(path, message));
      }
    }
  }
}
