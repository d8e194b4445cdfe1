package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number of shards is fixed for the life of a journal: a node with another one must not start on it. */
class NumberOfShardsTest {

  @TempDir Path dir;

  @Test
  void aRestartWithAnotherNumberOfShardsIsRefusedAndTheExecutionsAreKept() throws Exception {
    String id;
    try (TestNode node = TestNode.start(dir, Map.of())) {
      assertEquals(200, node.api.post("/metadata/workflow",
          "{\"name\":\"shards_wf\",\"tasks\":[{\"name\":\"shards_task\",\"taskReferenceName\":\"t\"}]}").status());
      id = node.api.post("/workflow/shards_wf", "{}").body();
    }

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> TestNode.start(dir, Map.of("pekko.cluster.sharding.number-of-shards", 7)).close());
    assertTrue(refused.getMessage().contains("created with 100 shards"), refused.getMessage());
    assertTrue(refused.getMessage().contains("configured with 7"), refused.getMessage());
    assertTrue(refused.getMessage().contains("BATON_SHARDS=100"), refused.getMessage());

    try (TestNode node = TestNode.start(dir, Map.of())) {
      Api api = node.api;
      assertEquals("RUNNING", api.get("/workflow/" + id).json().get("status").asText());
      JsonNode task = Api.eventually(Duration.ofSeconds(15),
          () -> api.get("/tasks/poll/batch/shards_task?count=1&timeout=500"),
          r -> r.status() == 200 && r.json().size() == 1).json().get(0);
      assertEquals(id, task.get("workflowInstanceId").asText());
      Reply done = api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
          + task.get("taskId").asText() + "\",\"status\":\"COMPLETED\"}");
      assertEquals(200, done.status(), done.body());
      Api.eventually(Duration.ofSeconds(15), () -> api.get("/workflow/" + id).json(),
          w -> w.get("status").asText().equals("COMPLETED"));
    }
  }
}
