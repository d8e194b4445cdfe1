package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signal endpoints complete waiting tasks by reference, or whichever task waits for a signal. */
class SignalApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
    assertEquals(200, api.post("/metadata/workflow", """
        {"name":"sig","tasks":[
          {"name":"approve","taskReferenceName":"approve","type":"HUMAN"},
          {"name":"hold","taskReferenceName":"hold","type":"WAIT"}],
         "outputParameters":{"by":"${approve.output.by}","note":"${hold.output.note}"}}""").status());
  }

  /**
   * keepLastN 1 over [wait, go, go, wait]: completing iteration 1's WAIT lets iterations 2 and 3 run
   * at once, and their end removes that very task; the caller still gets its answer.
   */
  @Test
  void anUpdateWhoseTaskTheLoopRemovesInTheSameStepIsStillAnswered() {
    assertEquals(200, api.post("/metadata/workflow", """
        {"name":"sig_loop","tasks":[
          {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","items":"${workflow.input.kinds}",
           "inputParameters":{"keepLastN":1},
           "loopOver":[{"name":"sw","taskReferenceName":"sw","type":"SWITCH","evaluatorType":"value-param",
             "expression":"kind","inputParameters":{"kind":"${loop.output.loopItem}"},
             "decisionCases":{"wait":[{"name":"w","taskReferenceName":"w","type":"WAIT"}]},
             "defaultCase":[{"name":"n","taskReferenceName":"n","type":"NOOP"}]}]}]}""").status());
    String id = api.post("/workflow/sig_loop", "{\"kinds\":[\"wait\",\"go\",\"go\",\"wait\"]}").body();
    JsonNode started = api.get("/workflow/" + id).json();
    assertEquals(List.of("loop", "sw__1", "w__1"), refs(started), started.toString());
    String waitingId = started.get("tasks").get(2).get("taskId").asText();

    Reply first = api.post("/tasks/" + id + "/w__1/COMPLETED", "{}");
    assertEquals(200, first.status(), first.body());
    assertEquals(waitingId, first.body());
    JsonNode wf = api.get("/workflow/" + id).json();
    assertEquals(List.of("loop", "sw__3", "n__3", "sw__4", "w__4"), refs(wf), wf.toString());
    assertEquals(404, api.post("/tasks/" + id + "/w__1/COMPLETED", "{}").status(), "w__1 is gone");

    Reply last = api.post("/tasks/" + id + "/w__4/COMPLETED/sync", "{}");
    assertEquals(200, last.status(), last.body());
    assertEquals("COMPLETED", last.json().get("status").asText());
    assertEquals(List.of("loop", "sw__4", "w__4"), refs(last.json()));
    int previous = 0;
    for (JsonNode t : last.json().get("tasks")) {
      assertTrue(t.get("seq").asInt() > previous, "positions in order after removals: " + last.body());
      previous = t.get("seq").asInt();
    }
  }

  private static List<String> refs(JsonNode workflow) {
    List<String> refs = new ArrayList<>();
    for (JsonNode t : workflow.get("tasks")) refs.add(t.get("referenceTaskName").asText());
    return refs;
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void byReferenceThenBySignalToTheEnd() {
    String id = api.post("/workflow/sig", "{}").body();
    Reply byRef = api.post("/tasks/" + id + "/approve/COMPLETED?workerid=alice", "{\"by\":\"alice\"}");
    assertEquals(200, byRef.status(), byRef.body());
    assertEquals(id + "_1", byRef.body());
    Reply sync = api.post("/tasks/" + id + "/COMPLETED/signal/sync", "{\"note\":\"go\"}");
    assertEquals(200, sync.status(), sync.body());
    JsonNode wf = sync.json();
    assertEquals("COMPLETED", wf.get("status").asText());
    assertEquals("alice", wf.get("output").get("by").asText());
    assertEquals("go", wf.get("output").get("note").asText());
    Reply none = api.post("/tasks/" + id + "/COMPLETED/signal", "{}");
    assertEquals(409, none.status(), none.body());
  }

  @Test
  void aSignalCanFailTheWaitingTaskAndBadCallsAreRefused() {
    String id = api.post("/workflow/sig", "{}").body();
    assertEquals(400, api.post("/tasks/" + id + "/approve/DONE", "{}").status());
    assertEquals(404, api.post("/tasks/" + id + "/no_such_ref/COMPLETED", "{}").status());
    assertEquals(400, api.post("/tasks/" + id + "/approve/COMPLETED", "[1]").status());
    Reply failed = api.post("/tasks/" + id + "/approve/FAILED_WITH_TERMINAL_ERROR/sync", "{}");
    assertEquals(200, failed.status(), failed.body());
    assertEquals("FAILED", failed.json().get("status").asText());
    assertTrue(failed.json().get("reasonForIncompletion").asText().contains("FAILED_WITH_TERMINAL_ERROR"));
  }
}
