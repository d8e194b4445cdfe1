package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.CountingSnapshotStore;
import io.baton.http.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A start under a random id recovers its new execution without a snapshot lookup; any other
 * recovery (a keyed start, the same execution after a restart of the node) looks one up.
 */
class NewExecutionRecoveryTest {
  private static final Map<String, Object> COUNTING =
      Map.of("jdbc-snapshot-store.class", CountingSnapshotStore.class.getName());

  private static String persistenceId(String workflowId) {
    return "WorkflowExecution|" + workflowId;
  }

  @Test
  void onlyARandomIdsFirstRecoverySkipsTheSnapshotLookup() throws Exception {
    Path dir = Files.createTempDirectory("baton-new-execution");
    String fresh;
    String keyed;
    try (TestNode node = TestNode.start(dir, COUNTING)) {
      Api api = node.api;
      assertEquals(200, api.post("/metadata/taskdefs", "[{\"name\":\"ner_task\",\"retryCount\":0}]").status());
      assertEquals(200, api.post("/metadata/workflow",
          "{\"name\":\"ner_wf\",\"version\":1,\"tasks\":[{\"name\":\"ner_task\",\"taskReferenceName\":\"t\"}]}").status());
      Reply started = api.post("/workflow/ner_wf", "{\"n\": 1}");
      assertEquals(200, started.status(), started.body());
      fresh = started.body();
      Reply keyedStart = api.post("/workflow", "{\"name\":\"ner_wf\",\"version\":1,\"idempotencyKey\":\"ner-1\"}");
      assertEquals(200, keyedStart.status(), keyedStart.body());
      keyed = keyedStart.body();

      // Both started, so both have recovered: only the keyed one asked for a snapshot.
      assertEquals(0, CountingSnapshotStore.lookups(persistenceId(fresh)));
      assertEquals(1, CountingSnapshotStore.lookups(persistenceId(keyed)));
    }

    try (TestNode again = TestNode.start(dir, COUNTING)) {
      // Remembered, so it comes back by itself; a read waits for it if it has not yet.
      Reply read = Api.eventually(Duration.ofSeconds(30), () -> again.api.get("/workflow/" + fresh),
          reply -> reply.status() == 200);
      JsonNode wf = read.json();
      assertEquals("RUNNING", wf.get("status").asText());
      assertEquals(1, wf.get("input").get("n").asInt());
      assertEquals("SCHEDULED", wf.get("tasks").get(0).get("status").asText());
      assertEquals(1, CountingSnapshotStore.lookups(persistenceId(fresh)));
    }
  }
}
