package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each timeout kind on a real node, and a LINEAR retry delay measured on the server's timer. */
class TimeoutsApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String run(String name, String taskDef) {
    assertEquals(200, api.post("/metadata/taskdefs", "[" + taskDef.replace("NAME", name) + "]").status());
    assertEquals(200, api.post("/metadata/workflow", "{\"name\":\"" + name + "_wf\",\"tasks\":[{\"name\":\"" + name
        + "\",\"taskReferenceName\":\"t\"}]}").status());
    return api.post("/workflow/" + name + "_wf", "{}").body();
  }

  private static JsonNode poll(String type) {
    return Api.eventually(Duration.ofSeconds(5), () -> api.get("/tasks/poll/batch/" + type + "?count=1&timeout=300").json(),
        l -> l.size() == 1).get(0);
  }

  private static JsonNode until(String id, String status) {
    return Api.eventually(Duration.ofSeconds(15), () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals(status));
  }

  @Test
  void pollTimeout() {
    String id = run("to_poll", "{\"name\":\"NAME\",\"pollTimeoutSeconds\":1,\"retryCount\":0}");
    JsonNode wf = until(id, "TIMED_OUT");
    assertTrue(wf.get("tasks").get(0).get("reasonForIncompletion").asText().contains("pollTimeoutSeconds"));
  }

  @Test
  void taskTimeoutEndsTheWorkflowWithTimeOutWf() {
    String id = run("to_task", "{\"name\":\"NAME\",\"timeoutSeconds\":2,\"responseTimeoutSeconds\":2,\"timeoutPolicy\":\"TIME_OUT_WF\",\"retryCount\":3}");
    poll("to_task");
    JsonNode wf = until(id, "TIMED_OUT");
    assertEquals(1, wf.get("tasks").size(), "TIME_OUT_WF does not retry");
  }

  @Test
  void totalTimeoutStopsRetries() {
    String id = run("to_total", "{\"name\":\"NAME\",\"totalTimeoutSeconds\":2,\"responseTimeoutSeconds\":1,\"retryCount\":10,\"retryDelaySeconds\":0}");
    poll("to_total");
    JsonNode wf = until(id, "TIMED_OUT");
    assertTrue(wf.get("reasonForIncompletion").asText().contains("totalTimeoutSeconds"), wf.get("reasonForIncompletion").asText());
  }

  @Test
  void workflowTimeout() {
    assertEquals(200, api.post("/metadata/workflow", "{\"name\":\"to_wf\",\"timeoutPolicy\":\"TIME_OUT_WF\",\"timeoutSeconds\":1,"
        + "\"tasks\":[{\"name\":\"to_wf_task\",\"taskReferenceName\":\"t\"}]}").status());
    String id = api.post("/workflow/to_wf", "{}").body();
    JsonNode wf = until(id, "TIMED_OUT");
    assertEquals("CANCELED", wf.get("tasks").get(0).get("status").asText());
    assertEquals(0, api.get("/tasks/queue/sizes?taskType=to_wf_task").json().get("to_wf_task").asInt());
    // the history says the timer ended the workflow, and with it the task it cancelled
    JsonNode history = api.get("/workflow/" + id + "/history").json();
    JsonNode canceled = history.get(history.size() - 2);
    JsonNode failed = history.get(history.size() - 1);
    assertEquals("TaskEnded/CANCELED/timer", canceled.get("event").asText() + "/"
        + canceled.get("details").get("status").asText() + "/" + canceled.get("causedBy").asText());
    assertEquals("WorkflowFailed/timer", failed.get("event").asText() + "/" + failed.get("causedBy").asText());
  }

  @Test
  void linearBackoffDelayMeasuredOnTheTimer() {
    String id = run("to_linear", "{\"name\":\"NAME\",\"retryCount\":1,\"retryLogic\":\"LINEAR_BACKOFF\",\"retryDelaySeconds\":1,\"backoffScaleFactor\":2}");
    JsonNode first = poll("to_linear");
    assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + first.get("taskId").asText()
        + "\",\"status\":\"FAILED\"}").status());
    long failedAt = System.nanoTime();
    JsonNode next = Api.eventually(Duration.ofSeconds(10),
        () -> api.get("/tasks/poll/batch/to_linear?count=1&timeout=5000").json(), l -> l.size() == 1).get(0);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);
    assertEquals(1, next.get("retryCount").asInt());
    assertTrue(ms >= 1900 && ms < 3500, "LINEAR 1 s x scale 2 x (0+1): retried after " + ms + " ms, expected ~2000");
  }
}
