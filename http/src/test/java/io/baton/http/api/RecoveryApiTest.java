package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retry delays measured on the server's timer, failure workflows, and definition snapshots. */
class RecoveryApiTest {
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

  private static JsonNode poll(String type, int timeoutMs) {
    JsonNode tasks = api.get("/tasks/poll/batch/" + type + "?count=1&timeout=" + timeoutMs).json();
    return tasks.size() == 1 ? tasks.get(0) : null;
  }

  private static void fail(JsonNode task) {
    assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + task.get("workflowInstanceId").asText()
        + "\",\"taskId\":\"" + task.get("taskId").asText() + "\",\"status\":\"FAILED\",\"reasonForIncompletion\":\"no\"}").status());
  }

  /** Fails the attempt, then long-polls until the next one is handed out; returns how long that took. */
  private static long nextAttemptAfterFailing(String type, JsonNode attempt) {
    fail(attempt);
    long failedAt = System.nanoTime();
    JsonNode next = null;
    while (next == null && System.nanoTime() - failedAt < TimeUnit.SECONDS.toNanos(15)) next = poll(type, 5000);
    assertTrue(next != null, "no next attempt");
    assertEquals(attempt.get("retryCount").asInt() + 1, next.get("retryCount").asInt());
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);
  }

  @Test
  void exponentialBackoffDelaysEachAttemptOnTheTimer() {
    assertEquals(200, api.post("/metadata/taskdefs",
        "[{\"name\":\"rc_exp\",\"retryCount\":2,\"retryLogic\":\"EXPONENTIAL_BACKOFF\",\"retryDelaySeconds\":1}]").status());
    assertEquals(200, api.post("/metadata/workflow", "{\"name\":\"rc_exp_wf\",\"tasks\":[{\"name\":\"rc_exp\",\"taskReferenceName\":\"t\"}]}").status());
    api.post("/workflow/rc_exp_wf", "{}");
    JsonNode first = poll("rc_exp", 2000);
    long firstDelay = nextAttemptAfterFailing("rc_exp", first);
    assertTrue(firstDelay >= 900 && firstDelay < 2500, "first retry after " + firstDelay + " ms, expected ~1000");
    JsonNode second = api.get("/tasks/" + first.get("workflowInstanceId").asText() + "_2").json();
    long secondDelay = nextAttemptAfterFailing("rc_exp", second);
    assertTrue(secondDelay >= 1900 && secondDelay < 3500, "second retry after " + secondDelay + " ms, expected ~2000");
  }

  @Test
  void aFailedWorkflowStartsItsFailureWorkflowWithConductorsInput() {
    assertEquals(200, api.post("/metadata/workflow", "{\"name\":\"rc_cleanup\",\"tasks\":[{\"name\":\"n\",\"taskReferenceName\":\"n\",\"type\":\"NOOP\"}]}").status());
    assertEquals(200, api.post("/metadata/workflow", """
        {"name":"rc_fragile","failureWorkflow":"rc_cleanup","tasks":[
          {"name":"rc_fragile_task","taskReferenceName":"t","retryCount":0}]}""").status());
    String id = api.post("/workflow/rc_fragile", "{\"order\":42}").body();
    fail(Api.eventually(Duration.ofSeconds(10), () -> poll("rc_fragile_task", 500), t -> t != null));
    JsonNode failed = Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals("FAILED"));
    String cleanupId = failed.get("output").get("conductor.failure_workflow").asText();
    JsonNode cleanup = Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/" + cleanupId),
        r -> r.status() == 200).json();
    assertEquals("rc_cleanup", cleanup.get("workflowName").asText());
    assertEquals(id, cleanup.get("input").get("workflowId").asText());
    assertEquals("FAILED", cleanup.get("input").get("failureStatus").asText());
    assertEquals(42, cleanup.get("input").get("order").asInt());
    assertTrue(cleanup.get("input").get("reason").asText().contains("no"));
  }

  @Test
  void aRunningExecutionKeepsItsSnapshotUntilRestartedWithTheLatestDefinition() {
    String v1 = "{\"name\":\"rc_versioned\",\"version\":1,\"tasks\":[{\"name\":\"rc_step_one\",\"taskReferenceName\":\"one\"}]}";
    String v1edited = "{\"name\":\"rc_versioned\",\"version\":1,\"tasks\":[{\"name\":\"rc_step_two\",\"taskReferenceName\":\"two\"}]}";
    assertEquals(200, api.post("/metadata/workflow", v1).status());
    String id = api.post("/workflow/rc_versioned", "{}").body();
    assertEquals(200, api.put("/metadata/workflow", "[" + v1edited + "]").status());
    JsonNode one = Api.eventually(Duration.ofSeconds(10), () -> poll("rc_step_one", 500), t -> t != null);
    assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
        + one.get("taskId").asText() + "\",\"status\":\"COMPLETED\"}").status());
    JsonNode done = Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals("COMPLETED"));
    assertEquals("rc_step_one", done.get("workflowDefinition").get("tasks").get(0).get("name").asText());

    assertEquals(204, api.post("/workflow/" + id + "/restart", "").status());
    assertEquals("rc_step_one", api.get("/workflow/" + id).json().get("tasks").get(0).get("taskType").asText());
    assertEquals(200, api.delete("/workflow/" + id).status());
    assertEquals(200, api.delete("/metadata/workflow/rc_versioned/1").status());
    Reply gone = api.post("/workflow/" + id + "/restart?useLatestDefinitions=true", "");
    assertEquals(404, gone.status(), "no latest definition any more: " + gone.body());
    assertEquals(200, api.post("/metadata/workflow", v1edited).status());
    assertEquals(204, api.post("/workflow/" + id + "/restart?useLatestDefinitions=true", "").status());
    JsonNode swapped = api.get("/workflow/" + id).json();
    assertEquals("rc_step_two", swapped.get("tasks").get(0).get("taskType").asText());
    assertEquals("rc_step_two", swapped.get("workflowDefinition").get("tasks").get(0).get("name").asText());
  }
}
