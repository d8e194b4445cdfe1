package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
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
