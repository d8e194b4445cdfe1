package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's recovery controls over HTTP; every conflict is a 409 that changes nothing. */
class ControlsApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
    for (String k : new String[] {"p", "r", "s", "x", "c", "k", "e", "u"}) {
      assertEquals(200, api.post("/metadata/taskdefs", "[{\"name\":\"ct_a_" + k + "\",\"retryCount\":0},"
          + "{\"name\":\"ct_b_" + k + "\",\"retryCount\":0}]").status());
      assertEquals(200, api.post("/metadata/workflow", ("{\"name\":\"ct_K\",\"restartable\":KR,\"tasks\":["
          + "{\"name\":\"ct_a_K\",\"taskReferenceName\":\"a\",\"inputParameters\":{\"n\":\"${workflow.input.n}\"}},"
          + "{\"name\":\"ct_b_K\",\"taskReferenceName\":\"b\",\"inputParameters\":{\"fromA\":\"${a.output.v}\"}}],"
          + "\"outputParameters\":{\"b\":\"${b.output.v}\"}}").replace("KR", k.equals("x") ? "false" : "true")
          .replace("_K", "_" + k)).status());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static JsonNode poll(String type) {
    return Api.eventually(Duration.ofSeconds(10), () -> api.get("/tasks/poll/batch/" + type + "?count=1&timeout=300"),
        r -> r.status() == 200 && r.json().size() == 1).json().get(0);
  }

  private static void report(String wf, JsonNode task, String status, String output) {
    Reply r = api.post("/tasks", "{\"workflowInstanceId\":\"" + wf + "\",\"taskId\":\"" + task.get("taskId").asText()
        + "\",\"status\":\"" + status + "\",\"outputData\":" + output + "}");
    assertEquals(200, r.status(), r.body());
  }

  private static JsonNode wf(String id) {
    return api.get("/workflow/" + id).json();
  }

  private static void conflictChangesNothing(String id, Reply r) {
    assertEquals(409, r.status(), r.body());
    assertTrue(r.json().get("message").asText().length() > 10, r.body());
  }

  private static JsonNode until(String id, String status) {
    return Api.eventually(Duration.ofSeconds(10), () -> wf(id), w -> w.get("status").asText().equals(status));
  }

  @Test
  void pauseKeepsRunningTasksButSchedulesNothingNewUntilResume() {
    String id = api.post("/workflow/ct_p", "{\"n\":1}").body();
    JsonNode a = poll("ct_a_p");
    assertEquals(200, api.put("/workflow/" + id + "/pause", "").status());
    assertEquals("PAUSED", wf(id).get("status").asText());
    assertEquals(200, api.put("/workflow/" + id + "/pause", "").status(), "pausing a paused workflow changes nothing");
    report(id, a, "COMPLETED", "{\"v\":1}");
    JsonNode paused = wf(id);
    assertEquals(1, paused.get("tasks").size(), "nothing new while paused");
    assertEquals("COMPLETED", paused.get("tasks").get(0).get("status").asText(), "the running task finished");
    assertEquals(200, api.put("/workflow/" + id + "/resume", "").status());
    JsonNode b = poll("ct_b_p");
    assertEquals(1, b.get("inputData").get("fromA").asInt());
    JsonNode before = wf(id);
    conflictChangesNothing(id, api.put("/workflow/" + id + "/resume", ""));
    conflictChangesNothing(id, api.post("/workflow/" + id + "/retry", ""));
    conflictChangesNothing(id, api.post("/workflow/" + id + "/restart", ""));
    conflictChangesNothing(id, api.post("/workflow/" + id + "/rerun", "{}"));
    assertEquals(before, wf(id));
    report(id, b, "COMPLETED", "{\"v\":2}");
    until(id, "COMPLETED");
    JsonNode done = wf(id);
    conflictChangesNothing(id, api.put("/workflow/" + id + "/pause", ""));
    assertEquals(done, wf(id));
  }

  @Test
  void retryRunsTheFailedTaskAgainAndClearsTheReason() {
    String id = api.post("/workflow/ct_r", "{\"n\":1}").body();
    report(id, poll("ct_a_r"), "COMPLETED", "{\"v\":1}");
    JsonNode b = poll("ct_b_r");
    report(id, b, "FAILED", "{}");
    assertTrue(until(id, "FAILED").has("reasonForIncompletion"));
    assertEquals(204, api.post("/workflow/" + id + "/retry", "").status());
    JsonNode running = wf(id);
    assertEquals("RUNNING", running.get("status").asText());
    assertFalse(running.has("reasonForIncompletion"));
    JsonNode again = poll("ct_b_r");
    assertEquals(b.get("taskId").asText(), again.get("retriedTaskId").asText());
    assertEquals(1, again.get("inputData").get("fromA").asInt());
    report(id, again, "COMPLETED", "{\"v\":\"ok\"}");
    assertEquals("ok", until(id, "COMPLETED").get("output").get("b").asText());
  }

  @Test
  void restartRunsFromTheBeginningUnderTheSameIdUnlessTheDefinitionForbidsIt() {
    String id = api.post("/workflow/ct_s", "{\"n\":7}").body();
    report(id, poll("ct_a_s"), "COMPLETED", "{\"v\":1}");
    report(id, poll("ct_b_s"), "COMPLETED", "{\"v\":2}");
    until(id, "COMPLETED");
    assertEquals(204, api.post("/workflow/" + id + "/restart", "").status());
    JsonNode restarted = wf(id);
    assertEquals("RUNNING", restarted.get("status").asText());
    assertEquals(1, restarted.get("tasks").size());
    JsonNode a = poll("ct_a_s");
    assertEquals(id, a.get("workflowInstanceId").asText());
    assertEquals(7, a.get("inputData").get("n").asInt());

    String fixed = api.post("/workflow/ct_x", "{}").body();
    report(fixed, poll("ct_a_x"), "COMPLETED", "{}");
    report(fixed, poll("ct_b_x"), "COMPLETED", "{}");
    JsonNode done = until(fixed, "COMPLETED");
    conflictChangesNothing(fixed, api.post("/workflow/" + fixed + "/restart", ""));
    assertEquals(done, wf(fixed));
  }

  @Test
  void rerunFromATaskKeepsItsIdAndTakesTheNewInput() {
    String id = api.post("/workflow/ct_c", "{\"n\":1}").body();
    report(id, poll("ct_a_c"), "COMPLETED", "{\"v\":1}");
    JsonNode b = poll("ct_b_c");
    report(id, b, "COMPLETED", "{\"v\":\"first\"}");
    until(id, "COMPLETED");
    Reply rerun = api.post("/workflow/" + id + "/rerun",
        "{\"reRunFromTaskId\":\"" + b.get("taskId").asText() + "\",\"taskInput\":{\"fromA\":99}}");
    assertEquals(200, rerun.status(), rerun.body());
    assertEquals(id, rerun.body());
    JsonNode again = poll("ct_b_c");
    assertEquals(b.get("taskId").asText(), again.get("taskId").asText());
    assertEquals(99, again.get("inputData").get("fromA").asInt());
    report(id, again, "COMPLETED", "{\"v\":\"second\"}");
    JsonNode done = until(id, "COMPLETED");
    assertEquals("second", done.get("output").get("b").asText());
    assertEquals(2, done.get("tasks").size());
    assertEquals(404, api.post("/workflow/" + id + "/rerun", "{\"reRunFromTaskId\":\"nope_1\"}").status());
  }

  @Test
  void skipMarksAStepThatHasNotRunAndRefusesOneThatHas() {
    String id = api.post("/workflow/ct_k", "{\"n\":1}").body();
    Reply skip = api.put("/workflow/" + id + "/skiptask/b", "{\"taskOutput\":{\"v\":\"skipped\"}}");
    assertEquals(200, skip.status(), skip.body());
    JsonNode before = wf(id);
    conflictChangesNothing(id, api.put("/workflow/" + id + "/skiptask/a", "{}"));
    assertEquals(before, wf(id));
    assertEquals(404, api.put("/workflow/" + id + "/skiptask/zzz", "{}").status());
    report(id, poll("ct_a_k"), "COMPLETED", "{\"v\":1}");
    JsonNode done = until(id, "COMPLETED");
    assertEquals("skipped", done.get("output").get("b").asText());
    assertEquals("SKIPPED", done.get("tasks").get(1).get("status").asText());
  }

  @Test
  void resetCallbacksMakesADelayedTaskPollableNow() {
    String id = api.post("/workflow/ct_e", "{\"n\":1}").body();
    JsonNode a = poll("ct_a_e");
    Reply later = api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + a.get("taskId").asText()
        + "\",\"status\":\"IN_PROGRESS\",\"callbackAfterSeconds\":3600}");
    assertEquals(200, later.status());
    assertEquals(0, api.get("/tasks/poll/batch/ct_a_e?count=1&timeout=200").json().size());
    assertEquals(204, api.post("/workflow/" + id + "/resetcallbacks", "").status());
    assertEquals(a.get("taskId").asText(), poll("ct_a_e").get("taskId").asText());
  }

  @Test
  void bulkActionsReportEachIdAndATerminatedWorkflowCannotBePaused() {
    String one = api.post("/workflow/ct_u", "{}").body();
    String two = api.post("/workflow/ct_u", "{}").body();
    Reply paused = api.put("/workflow/bulk/pause", "[\"" + one + "\",\"" + two + "\",\"no-such-id\"]");
    assertEquals(200, paused.status(), paused.body());
    assertEquals(2, paused.json().get("bulkSuccessfulResults").size());
    assertTrue(paused.json().get("bulkErrorResults").has("no-such-id"), paused.body());
    Reply terminated = api.post("/workflow/bulk/terminate?reason=cleanup", "[\"" + one + "\",\"" + two + "\"]");
    assertEquals(2, terminated.json().get("bulkSuccessfulResults").size(), terminated.body());
    assertEquals("cleanup", wf(one).get("reasonForIncompletion").asText());
    JsonNode before = wf(one);
    conflictChangesNothing(one, api.put("/workflow/" + one + "/pause", ""));
    assertEquals(before, wf(one));
    Reply retried = api.post("/workflow/bulk/retry", "[\"" + one + "\"]");
    assertEquals(1, retried.json().get("bulkSuccessfulResults").size(), retried.body());
    assertEquals(400, api.post("/workflow/bulk/retry", "{\"not\":\"a list\"}").status());
  }
}
