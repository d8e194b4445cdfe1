package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.TestNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Executions that wait leave memory: after the idle timeout an execution with nothing in a queue
 * records a durable wake-up and passivates; the wake-up (or a message) brings it back.
 */
class SleepingExecutionsTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("baton.execution.idle-timeout", "1s"));
    api = node.api;
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static Long wakeupOf(String workflowId) {
    try (Connection c = DriverManager.getConnection(node.config.getString("baton.db.url"),
            node.config.getString("baton.db.user"), node.config.getString("baton.db.password"));
        PreparedStatement st = c.prepareStatement("SELECT due_at FROM baton_wakeup WHERE workflow_id = ?")) {
      st.setString(1, workflowId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aWaitingExecutionSleepsWithAWakeupAndIsWokenWhenDue() {
    api.post("/metadata/workflow", "{\"name\":\"sl_wait\",\"tasks\":[{\"name\":\"nap\",\"taskReferenceName\":\"nap\",\"type\":\"WAIT\",\"inputParameters\":{\"duration\":\"4s\"}}]}");
    String id = api.post("/workflow/sl_wait", "{}").body();
    long due = Api.eventually(Duration.ofSeconds(4), () -> wakeupOf(id), d -> d != null);
    JsonNode task = api.get("/workflow/" + id).json().get("tasks").get(0);
    assertEquals(task.get("scheduledTime").asLong() + 4000, due, "the wake-up is the WAIT's end");
    JsonNode done = Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals("COMPLETED"));
    assertTrue(done.get("endTime").asLong() >= due);
    Api.eventually(Duration.ofSeconds(5), () -> wakeupOf(id), d -> d == null);
  }

  @Test
  void aSilentWorkersTimeoutFiresFromTheWakeupAndAHumanTaskWakesOnItsUpdate() {
    api.post("/metadata/taskdefs", "[{\"name\":\"sl_slow\",\"retryCount\":1,\"retryDelaySeconds\":0,\"responseTimeoutSeconds\":3}]");
    api.post("/metadata/workflow", "{\"name\":\"sl_slow_wf\",\"tasks\":[{\"name\":\"sl_slow\",\"taskReferenceName\":\"t\"}]}");
    api.post("/metadata/workflow", "{\"name\":\"sl_human\",\"tasks\":[{\"name\":\"ok\",\"taskReferenceName\":\"ok\",\"type\":\"HUMAN\"}]}");
    String slow = api.post("/workflow/sl_slow_wf", "{}").body();
    Api.eventually(Duration.ofSeconds(5), () -> api.get("/tasks/poll/batch/sl_slow?count=1&timeout=500").json(),
        l -> l.size() == 1);
    Api.eventually(Duration.ofSeconds(4), () -> wakeupOf(slow), d -> d != null);
    JsonNode retried = Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/" + slow).json(),
        w -> w.get("tasks").size() == 2);
    assertEquals("TIMED_OUT", retried.get("tasks").get(0).get("status").asText());

    String human = api.post("/workflow/sl_human", "{}").body();
    Api.eventually(Duration.ofSeconds(5), () -> api.get("/workflow/" + human).json(),
        w -> w.get("tasks").size() == 1);
    assertEquals(null, wakeupOf(human), "nothing to wake a HUMAN task for: no row");
    assertEquals(200, api.post("/tasks/" + human + "/ok/COMPLETED", "{\"by\":\"me\"}").status());
    assertEquals("COMPLETED", Api.eventually(Duration.ofSeconds(5), () -> api.get("/workflow/" + human).json(),
        w -> w.get("status").asText().equals("COMPLETED")).get("status").asText());
  }
}
