package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear JSON error with the right status, and nothing stored changes. */
class BadInputApiTest {
  private static TestNode node;
  private static Api api;
  private static final String DEF = """
      {"name":"bad_input","version":1,"tasks":[{"name":"bi_task","taskReferenceName":"t"}]}""";

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("baton.http.max-body-bytes", 4096));
    api = node.api;
    assertEquals(200, api.post("/metadata/workflow", DEF).status());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static JsonNode error(Reply r, int status) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    JsonNode body = r.json();
    assertEquals(status, body.get("status").asInt());
    assertTrue(body.get("message").asText().length() > 5, body.toString());
    assertTrue(body.has("instance") && body.has("retryable"), body.toString());
    return body;
  }

  @Test
  void malformedJsonSaysWhere() {
    JsonNode e = error(api.post("/metadata/workflow", "{\"name\": \"x\", \"tasks\": ["), 400);
    assertTrue(e.get("message").asText().contains("malformed JSON"), e.toString());
    assertDefinitionUnchanged();
  }

  @Test
  void aWrongTypeNamesTheField() {
    JsonNode e = error(api.post("/metadata/taskdefs", "[{\"name\":\"t\",\"retryCount\":\"many\"}]"), 400);
    assertTrue(e.get("message").asText().contains("retryCount"), e.toString());
    error(api.get("/metadata/taskdefs/t"), 404);
  }

  @Test
  void invalidDefinitionsListEveryProblemWithItsPath() {
    JsonNode e = error(api.post("/metadata/workflow", """
        {"name":"bad_input","version":1,"tasks":[
          {"name":"a","taskReferenceName":"same"},
          {"name":"b","taskReferenceName":"same","type":"KAFKA_PUBLISH"},
          {"taskReferenceName":"c","inputParameters":{"x":"${workflow.input"}}]}"""), 400);
    String errors = e.get("validationErrors").toString();
    assertTrue(errors.contains("tasks[1].taskReferenceName"), errors);
    assertTrue(errors.contains("tasks[1].type"), errors);
    assertTrue(errors.contains("tasks[2].name"), errors);
    assertTrue(errors.contains("tasks[2].inputParameters"), errors);
    error(api.post("/metadata/workflow", "{\"name\":\"no_tasks\"}"), 400);
    error(api.post("/metadata/workflow", "{\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\"}]}"), 400);
    assertDefinitionUnchanged();
  }

  @Test
  void registeringTheSameVersionTwiceIsAConflict() {
    error(api.post("/metadata/workflow", DEF), 409);
    assertDefinitionUnchanged();
  }

  @Test
  void unknownNamesVersionsAndIdsAreNotFound() {
    error(api.post("/workflow/no_such_workflow", "{}"), 404);
    error(api.post("/workflow/bad_input?version=9", "{}"), 404);
    error(api.get("/metadata/workflow/no_such_workflow"), 404);
    error(api.get("/workflow/00000000-0000-0000-0000-000000000000"), 404);
    error(api.get("/tasks/not-a-task-id"), 404);
    error(api.get("/tasks/00000000-0000-0000-0000-000000000000_3"), 404);
    error(api.delete("/metadata/taskdefs/never_registered"), 404);
    error(api.get("/no/such/route"), 404);
  }

  @Test
  void updatesThatCannotApplyAreRefused() {
    String id = api.post("/workflow/bad_input", "{}").body();
    JsonNode before = api.get("/workflow/" + id).json();
    error(api.post("/tasks", "{\"taskId\":\"x\",\"status\":\"COMPLETED\"}"), 400);
    error(api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + id
        + "_1\",\"status\":\"DONE\"}"), 400);
    error(api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + id
        + "_99\",\"status\":\"COMPLETED\"}"), 404);
    error(api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\"" + id
        + "_1\",\"status\":\"COMPLETED\",\"outputData\":[1,2]}"), 400);
    assertEquals(before, api.get("/workflow/" + id).json());
  }

  @Test
  void badQueryParametersAreRefused() {
    error(api.get("/tasks/poll/batch/bi_task?count=abc"), 400);
    error(api.get("/tasks/poll/batch/bi_task?count=0"), 400);
    error(api.post("/workflow/bad_input?priority=500", "{}"), 400);
    error(api.post("/workflow/bad_input", "[1,2,3]"), 400);
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"name\":\"big\",\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\"}],\"description\":\""
        + "x".repeat(10_000) + "\"}";
    error(api.post("/metadata/workflow", big), 413);
    error(api.get("/metadata/workflow/big"), 404);
  }

  private static void assertDefinitionUnchanged() {
    JsonNode stored = Api.eventually(Duration.ofSeconds(5), () -> api.get("/metadata/workflow/bad_input"),
        r -> r.status() == 200).json();
    assertEquals(1, stored.get("tasks").size());
    assertEquals("bi_task", stored.get("tasks").get(0).get("name").asText());
  }
}
