package io.baton.runtime.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Documents shaped like the ones the decider hands to the resolver. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static final String WORKFLOW = """
      {"input": {"name": "ada", "count": 3, "ratio": 0.5, "flag": true, "nothing": null,
                 "big": 12345678901234, "tags": ["a", "b"],
                 "nested": {"k": "v", "list": [1, 2, 3]}, "a-b": "dashed", "key": "count",
                 "raw": "$${x}", "expr": "${workflow.input.name}",
                 "items": [{"id": 1, "price": 5, "sku": "x1"},
                           {"id": 2, "price": 15, "sku": "y22"},
                           {"id": 3, "price": 25}]},
       "output": {},
       "variables": {"v": "var", "counter": 7},
       "workflowId": "wf-1", "correlationId": "corr-9", "status": "RUNNING"}
      """;

  static final String TASK = """
      {"input": {"q": "query"},
       "output": {"a": {"b": [{"c": "first"}, {"c": "second"}]}, "result": {"x": 1},
                  "empty": [], "nums": [1, 2, 3.5]},
       "status": "COMPLETED", "taskId": "task-1"}
      """;

  private Fixtures() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object(String text) {
    return (ObjectNode) json(text);
  }

  static TextNode text(String s) {
    return TextNode.valueOf(s);
  }

  /** workflow, t1, loop__2 and "my.ref", as fresh trees. */
  static Map<String, JsonNode> roots() {
    return Map.of(
        "workflow", json(WORKFLOW),
        "t1", json(TASK),
        "loop__2", json("{\"output\": {\"i\": 2}, \"status\": \"COMPLETED\"}"),
        "my.ref", json("{\"output\": {\"z\": 26}}"));
  }

  /** A context over {@code roots} that records every name it is asked for. */
  static final class RecordingContext implements ExpressionContext {
    final Map<String, JsonNode> roots;
    final List<String> asked = new ArrayList<>();

    RecordingContext(Map<String, JsonNode> roots) {
      this.roots = roots;
    }

    @Override
    public JsonNode root(String name) {
      asked.add(name);
      return roots.get(name);
    }
  }
}
