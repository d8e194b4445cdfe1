package io.baton.http.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Runs examples/kitchen-sink as a user would: registers its files over HTTP, starts the workflow
 * with its input, and lets real HTTP workers and a signal drive it to the end.
 */
class KitchenSinkExampleTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "kitchen-sink");
  private static final Set<String> EVERY_TYPE = Set.of("SET_VARIABLE", "HTTP", "JSON_JQ_TRANSFORM", "DO_WHILE",
      "ks_work", "SWITCH", "FORK_JOIN_DYNAMIC", "JOIN", "FORK_JOIN", "SUB_WORKFLOW", "INLINE", "DECISION",
      "WAIT", "HUMAN", "START_WORKFLOW", "EVENT", "TERMINATE");

  private static String file(String name) throws Exception {
    return Files.readString(EXAMPLE.resolve(name));
  }

  @Test
  void everyTaskTypeInOneWorkflowRunsToTheEnd() throws Exception {
    try (TestNode node = TestNode.start()) {
      Api api = node.api;
      assertEquals(200, api.post("/metadata/taskdefs", file("taskdefs.json")).status());
      Reply defs = api.put("/metadata/workflow", file("workflows.json"));
      assertEquals(200, defs.status(), defs.body());
      Reply handler = api.post("/event", file("event-handler.json"));
      assertEquals(200, handler.status(), handler.body());

      ObjectNode input = (ObjectNode) Api.JSON.readTree(file("input.json"));
      input.put("apiBase", api.base());
      String id = api.post("/workflow/ks_main", input.toString()).body();

      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService workers = Executors.newFixedThreadPool(3);
      for (int w = 0; w < 3; w++) {
        String worker = "ks-worker-" + w;
        workers.submit(() -> {
          Api own = new Api(api.base());
          while (!stop.get()) {
            for (JsonNode t : own.get("/tasks/poll/batch/ks_work?count=5&timeout=200&workerid=" + worker).json()) {
              JsonNode in = t.get("inputData");
              String done = in.path("what").asText() + ":" + in.path("sku").asText(in.path("for").asText(in.path("order").asText()));
              own.post("/tasks", "{\"workflowInstanceId\":\"" + t.get("workflowInstanceId").asText() + "\",\"taskId\":\""
                  + t.get("taskId").asText() + "\",\"status\":\"COMPLETED\",\"outputData\":{\"done\":\"" + done + "\"}}");
            }
          }
        });
      }
      try {
        Api.eventually(Duration.ofSeconds(60), () -> api.get("/workflow/" + id).json(),
            wf -> wf.toString().contains("\"referenceTaskName\":\"approve\""));
        Reply approved = api.post("/tasks/" + id + "/approve/COMPLETED", "{\"by\":\"manager\"}");
        assertEquals(200, approved.status(), approved.body());
        JsonNode wf = Api.eventually(Duration.ofSeconds(60), () -> api.get("/workflow/" + id).json(),
            w -> !w.get("status").asText().equals("RUNNING"));
        assertEquals("COMPLETED", wf.get("status").asText(), wf.toString());

        JsonNode out = wf.get("output");
        assertEquals("ada", out.get("customer").asText());
        assertEquals(2, out.get("retries").asInt(), "the HTTP task read ks_work's definition from the API");
        assertEquals(30, out.get("score").asInt());
        assertEquals("box:A-1001", out.get("packed").asText());
        assertEquals("manager", out.get("approvedBy").asText());

        Set<String> types = new HashSet<>();
        wf.get("tasks").forEach(t -> types.add(t.get("taskType").asText()));
        assertTrue(types.containsAll(EVERY_TYPE), "missing " + EVERY_TYPE.stream().filter(t -> !types.contains(t)).toList());

        JsonNode audits = Api.eventually(Duration.ofSeconds(20),
            () -> api.get("/workflow/ks_audit/correlated/" + id + "?includeClosed=true").json(), list -> list.size() == 2);
        Set<String> by = new HashSet<>();
        audits.forEach(a -> by.add(a.get("input").get("by").asText()));
        assertEquals(Set.of("START_WORKFLOW", "EVENT"), by);
      } finally {
        stop.set(true);
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }
}
