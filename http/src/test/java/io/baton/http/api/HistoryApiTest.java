package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /workflow/{id}/history: what happened, in order, with who caused it; read only. */
class HistoryApiTest {
  @Test
  void theJournalReadsAsAHistoryOfWorkersOperatorsAndTheDecider() throws Exception {
    try (TestNode node = TestNode.start()) {
      Api api = node.api;
      api.post("/metadata/taskdefs", "[{\"name\":\"hi_task\",\"retryCount\":1,\"retryDelaySeconds\":0}]");
      api.post("/metadata/workflow", "{\"name\":\"hi_wf\",\"tasks\":[{\"name\":\"hi_task\",\"taskReferenceName\":\"t\"}]}");
      String id = api.post("/workflow/hi_wf", "{}").body();
      api.put("/workflow/" + id + "/pause", "");
      api.put("/workflow/" + id + "/resume", "");
      JsonNode first = Api.eventually(Duration.ofSeconds(10),
          () -> api.get("/tasks/poll/batch/hi_task?count=1&timeout=500&workerid=w-1").json(), l -> l.size() == 1).get(0);
      api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + first.get("taskId").asText()
          + "\",\"status\":\"FAILED\",\"workerId\":\"w-1\",\"reasonForIncompletion\":\"flaky\"}");
      api.delete("/workflow/" + id + "?reason=enough");

      JsonNode history = api.get("/workflow/" + id + "/history").json();
      List<String> events = new ArrayList<>();
      history.forEach(e -> events.add(e.get("event").asText() + "/" + e.get("causedBy").asText()));
      assertEquals(List.of("WorkflowStarted/client", "TaskScheduled/decider", "WorkflowPaused/operator",
          "WorkflowResumed/operator", "TaskLeased/worker", "TaskEnded/worker", "TaskScheduled/decider",
          "TaskEnded/operator", "WorkflowTerminated/operator"), events);
      JsonNode failed = history.get(5);
      assertEquals("w-1", failed.get("actor").asText());
      assertEquals("t", failed.get("taskReferenceName").asText());
      assertEquals(0, failed.get("attempt").asInt());
      assertEquals("flaky", failed.get("details").get("reason").asText());
      assertEquals(1, history.get(6).get("attempt").asInt());
      assertEquals("enough", history.get(8).get("actor").asText());
      assertEquals("CANCELED", history.get(7).get("details").get("status").asText());
      for (int i = 1; i < history.size(); i++) {
        assertTrue(history.get(i).get("sequenceNr").asLong() > history.get(i - 1).get("sequenceNr").asLong());
      }
      assertEquals(405, api.delete("/workflow/" + id + "/history").status());
      assertEquals(404, api.get("/workflow/00000000-0000-0000-0000-00000000beef/history").status());
    }
  }
}
