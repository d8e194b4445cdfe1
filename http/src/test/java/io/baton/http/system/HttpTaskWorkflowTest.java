package io.baton.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.ServerProcess;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP tasks in workflows on a real in-process node, driven over its REST API. */
class HttpTaskWorkflowTest {
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT");
  private static TestNode node;
  private static HttpTaskTestServer server;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = new HttpTaskTestServer();
    node = TestNode.start();
    api = node.api;
    Reply defs = api.post("/metadata/taskdefs", """
        [{"name":"http_call","retryCount":0},
         {"name":"http_flaky","retryCount":1,"retryDelaySeconds":0},
         {"name":"http_dead","retryCount":0}]""");
    assertEquals(200, defs.status(), defs.body());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (server != null) server.close();
  }

  private static void register(String workflowJson) {
    Reply r = api.post("/metadata/workflow", workflowJson);
    assertEquals(200, r.status(), r.body());
  }

  private static String startFlow(String name, String input) {
    Reply r = api.post("/workflow/" + name, input);
    assertEquals(200, r.status(), r.body());
    return r.body();
  }

  private static JsonNode ended(String id) {
    return Api.eventually(Duration.ofSeconds(30), () -> api.get("/workflow/" + id).json(),
        w -> ENDED.contains(w.get("status").asText()));
  }

  private static List<JsonNode> tasksOf(JsonNode workflow, String ref) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode t : workflow.get("tasks")) if (t.get("referenceTaskName").asText().equals(ref)) found.add(t);
    return found;
  }

  @Test
  void theResponseOfAnHttpTaskFlowsIntoTheWorkflowOutput() {
    register("""
        {"name":"http_echo_flow","version":1,"tasks":[
          {"name":"http_call","taskReferenceName":"http_ref","type":"HTTP","inputParameters":{
            "http_request":{"uri":"${workflow.input.url}","method":"POST",
              "headers":{"X-Custom":"${workflow.input.tag}"},
              "body":{"name":"${workflow.input.name}","n":"${workflow.input.n}"}}}}],
         "outputParameters":{"echoed":"${http_ref.output.response.body.json.name}",
           "n":"${http_ref.output.response.body.json.n}","tag":"${http_ref.output.response.body.custom}",
           "status":"${http_ref.output.response.statusCode}"}}""");
    String id = startFlow("http_echo_flow",
        "{\"url\":\"" + server.url("/echo") + "\",\"name\":\"ada\",\"n\":42,\"tag\":\"t-1\"}");
    JsonNode wf = ended(id);
    assertEquals("COMPLETED", wf.get("status").asText(), wf.toString());
    assertEquals("ada", wf.get("output").get("echoed").asText());
    assertEquals(42, wf.get("output").get("n").asInt());
    assertEquals("t-1", wf.get("output").get("tag").asText());
    assertEquals(200, wf.get("output").get("status").asInt());
    JsonNode call = tasksOf(wf, "http_ref").get(0);
    assertEquals("HTTP", call.get("taskType").asText());
    assertEquals("COMPLETED", call.get("status").asText());
  }

  @Test
  void aServerErrorIsRetriedPerTheTaskDefinitionAndTheSecondAttemptCompletes() {
    register("""
        {"name":"http_retry_flow","version":1,"tasks":[
          {"name":"http_flaky","taskReferenceName":"flaky_ref","type":"HTTP","inputParameters":{
            "http_request":{"uri":"${workflow.input.url}"}}}],
         "outputParameters":{"call":"${flaky_ref.output.response.body.call}"}}""");
    String uri = server.url("/flaky");
    String id = startFlow("http_retry_flow", "{\"url\":\"" + uri + "\"}");
    JsonNode wf = ended(id);
    assertEquals("COMPLETED", wf.get("status").asText(), wf.toString());
    assertEquals(2, wf.get("output").get("call").asInt());
    assertEquals(2, server.flakyCalls.get());
    List<JsonNode> attempts = tasksOf(wf, "flaky_ref");
    assertEquals(2, attempts.size(), attempts.toString());
    JsonNode first = attempts.get(0);
    assertEquals("FAILED", first.get("status").asText());
    assertEquals("HTTP 500 Internal Server Error from GET " + uri, first.get("reasonForIncompletion").asText());
    assertEquals(500, first.get("outputData").get("response").get("statusCode").asInt());
    assertEquals("try again", first.get("outputData").get("response").get("body").asText());
    JsonNode second = attempts.get(1);
    assertEquals("COMPLETED", second.get("status").asText());
    assertEquals(1, second.get("retryCount").asInt());
    assertEquals(first.get("taskId").asText(), second.get("retriedTaskId").asText());
  }

  @Test
  void anHttpTaskAgainstAPortWhereNothingListensFailsTheWorkflow() {
    register("""
        {"name":"http_dead_flow","version":1,"tasks":[
          {"name":"http_dead","taskReferenceName":"dead_ref","type":"HTTP","inputParameters":{
            "http_request":{"uri":"${workflow.input.url}","method":"DELETE","connectionTimeOut":2000}}}]}""");
    String uri = "http://127.0.0.1:" + ServerProcess.freePort() + "/gone";
    String id = startFlow("http_dead_flow", "{\"url\":\"" + uri + "\"}");
    JsonNode wf = ended(id);
    assertEquals("FAILED", wf.get("status").asText(), wf.toString());
    String reason = wf.get("reasonForIncompletion").asText();
    assertTrue(reason.contains("connection refused: DELETE " + uri), reason);
    List<JsonNode> attempts = tasksOf(wf, "dead_ref");
    assertEquals(1, attempts.size(), attempts.toString());
    assertEquals("FAILED", attempts.get(0).get("status").asText());
    assertEquals("connection refused: DELETE " + uri, attempts.get(0).get("reasonForIncompletion").asText());
  }
}
