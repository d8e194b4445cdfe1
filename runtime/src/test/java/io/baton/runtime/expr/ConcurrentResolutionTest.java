package io.baton.runtime.expr;

import static io.baton.runtime.expr.Fixtures.json;
import static io.baton.runtime.expr.Fixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Compiled paths are shared by every thread; each must still see only its own documents. */
class ConcurrentResolutionTest {
  private static final ObjectNode TEMPLATE = object("""
      {"sum": "${t1.output.sum($.t1.output.items[*].n)}",
       "max": "${t1.output.nums.max()}",
       "picked": "${t1.output.items[?(@.n == $.workflow.input.pick)].n}",
       "nested": "${t1.output.items[${workflow.input.index}].n}",
       "appended": "${t1.output.marks.append(0)}",
       "text": "run ${workflow.input.pick} of ${CPEWF_TASK_ID}"}
      """);

  @Test
  void threadsDoNotSeeEachOthersValues() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) resolveAndCheck(seed * 10_000 + i);
          return seed;
        }));
      }
      for (Future<Integer> f : done) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void resolveAndCheck(int k) {
    JsonNode workflow = json("{\"input\": {\"pick\": " + (k + 1) + ", \"index\": 2}}");
    JsonNode t1 = json("{\"output\": {\"items\": [{\"n\": " + k + "}, {\"n\": " + (k + 1) + "}, {\"n\": "
        + (k + 2) + "}], \"marks\": [" + k + "], \"nums\": [" + (k + 5) + ", " + (k + 1) + "]}}");
    ExpressionContext ctx = name -> switch (name) {
      case "workflow" -> workflow;
      case "t1" -> t1;
      default -> null;
    };
    JsonNode out = ParameterResolver.resolveObject(TEMPLATE, ctx, "task-" + k);
    assertEquals(3.0 * k + 3, out.get("sum").doubleValue(), out::toString);
    assertEquals(k + 5, out.get("max").doubleValue(), out::toString);
    assertEquals(json("[" + (k + 1) + "]"), out.get("picked"));
    assertEquals(k + 2, out.get("nested").intValue());
    assertEquals(json("[" + k + ", 0]"), out.get("appended"));
    assertEquals("run " + (k + 1) + " of task-" + k, out.get("text").textValue());
    assertEquals(json("[" + k + "]"), t1.get("output").get("marks"));
  }
}
