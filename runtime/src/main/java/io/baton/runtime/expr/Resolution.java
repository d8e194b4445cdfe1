package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.runtime.expr.StringTemplate.Expression;
import io.baton.runtime.expr.StringTemplate.NestedExpression;
import io.baton.runtime.expr.StringTemplate.Segment;
import io.baton.runtime.expr.StringTemplate.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One resolve call: the context, the task id, and the roots fetched so far (each root is asked for
 * once, however many expressions use it). The result shares no container node with the template or
 * the context's documents, so callers may change it freely.
 */
final class Resolution {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ExpressionContext context;
  private final String taskId;
  private final Map<String, JsonNode> roots = new HashMap<>(4);

  Resolution(ExpressionContext context, String taskId) {
    this.context = context;
    this.taskId = taskId;
  }

  JsonNode value(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return object((ObjectNode) node);
      case ARRAY:
        ArrayNode array = JSON.arrayNode(node.size());
        for (JsonNode item : node) array.add(value(item));
        return array;
      case STRING:
        String s = node.textValue();
        return TemplateParser.mayHoldExpression(s) ? render(TemplateParser.parse(s)) : node;
      default:
        // Numbers, booleans and nulls are immutable nodes: shared as they are.
        return node;
    }
  }

  ObjectNode object(ObjectNode template) {
    ObjectNode out = JSON.objectNode();
    for (Map.Entry<String, JsonNode> field : template.properties()) {
      out.set(field.getKey(), value(field.getValue()));
    }
    return out;
  }

  private JsonNode render(StringTemplate template) {
    List<Segment> segments = template.segments();
    if (template.isSingleExpression()) return evaluate(segments.get(0));
    return TextNode.valueOf(interpolate(segments));
  }

  private String interpolate(List<Segment> segments) {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Text text) {
        out.append(text.text());
      } else {
        appendAsText(out, evaluate(segment));
      }
    }
    return out.toString();
  }

  /**
   * How a value reads inside a longer string. Conductor prints Java's {@code toString} of its maps
   * and lists ({@code {a=1}}); we print compact JSON instead, which is what a reader can parse.
   * Null prints as {@code null}, as in Conductor.
   */
  private static void appendAsText(StringBuilder out, JsonNode value) {
    if (value.isTextual()) {
      out.append(value.textValue());
    } else if (value.isContainerNode()) {
      out.append(value.toString());
    } else if (value.isNull() || value.isMissingNode()) {
      out.append("null");
    } else {
      out.append(value.asText());
    }
  }

  private JsonNode evaluate(Segment segment) {
    if (segment instanceof Expression expression) return evaluate(expression.reference());
    NestedExpression nested = (NestedExpression) segment;
    return evaluate(ReferenceCompiler.of(interpolate(nested.path())));
  }

  private JsonNode evaluate(Reference reference) {
    if (reference instanceof Reference.Root root) return evaluate(root);
    if (reference instanceof Reference.TaskId) {
      return taskId == null ? NullNode.getInstance() : TextNode.valueOf(taskId);
    }
    if (reference instanceof Reference.Empty) return TextNode.valueOf("");
    return NullNode.getInstance(); // Invalid
  }

  private JsonNode evaluate(Reference.Root reference) {
    JsonNode document = root(reference.name());
    JsonPathQuery path = reference.path();
    if (document == null) {
      // What jayway answers for a key the document lacks: null, or [] for an indefinite path.
      return path == null || path.isDefinite() ? NullNode.getInstance() : JSON.arrayNode();
    }
    if (path == null) return detached(document);
    JsonNode target = reference.scope().isEmpty() ? document : scopeDocument(reference.scope());
    return detached(path.read(target));
  }

  /** Just the named roots, side by side, as Conductor's document of all roots would hold them. */
  private ObjectNode scopeDocument(List<String> names) {
    ObjectNode scope = JSON.objectNode();
    for (String name : names) {
      JsonNode document = root(name);
      if (document != null) scope.set(name, document);
    }
    return scope;
  }

  private JsonNode root(String name) {
    JsonNode document = roots.get(name);
    if (document == null && !roots.containsKey(name)) {
      document = context == null ? null : context.root(name);
      if (document != null && document.isMissingNode()) document = null;
      roots.put(name, document);
    }
    return document;
  }

  private static JsonNode detached(JsonNode node) {
    return node.isContainerNode() ? node.deepCopy() : node;
  }
}
