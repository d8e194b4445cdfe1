package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators over real HTTP with real polling workers, across a restart in the middle of a loop and a fork. */
class OperatorsApiTest {
  private static final String FLOW = """
      {"name":"ops_flow","version":1,"tasks":[
        {"name":"init","taskReferenceName":"init","type":"SET_VARIABLE","inputParameters":{"mode":"${workflow.input.mode}"}},
        {"name":"each","taskReferenceName":"each","type":"DO_WHILE","items":"${workflow.input.orders}",
         "loopOver":[
           {"name":"fan","taskReferenceName":"fan","type":"FORK_JOIN","forkTasks":[
             [{"name":"ops_price","taskReferenceName":"price","inputParameters":{"order":"${each.output.loopItem}"}}],
             [{"name":"ops_stock","taskReferenceName":"stock","inputParameters":{"order":"${each.output.loopItem}"}}]]},
           {"name":"fan_join","taskReferenceName":"fan_join","type":"JOIN","joinOn":["price","stock"]}]},
        {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"value-param","expression":"m",
         "inputParameters":{"m":"${workflow.variables.mode}"},
         "decisionCases":{"express":[{"name":"ops_ship","taskReferenceName":"ship"}]},
         "defaultCase":[{"name":"wait_a_bit","taskReferenceName":"pause","type":"WAIT","inputParameters":{"duration":"1s"}}]},
        {"name":"total","taskReferenceName":"total","type":"INLINE","inputParameters":{
          "evaluatorType":"graaljs","expression":"$.n * 10","n":"${each.output.iteration}"}},
        {"name":"shape","taskReferenceName":"shape","type":"JSON_JQ_TRANSFORM","inputParameters":{
          "queryExpression":"{count: .t}","t":"${total.output.result}"}}],
       "outputParameters":{"summary":"${shape.output.result}"}}""";

  private static JsonNode poll(Api api, String type) {
    return Api.eventually(Duration.ofSeconds(15),
        () -> api.get("/tasks/poll/batch/" + type + "?count=1&timeout=500&workerid=w"),
        r -> r.status() == 200 && r.json().size() == 1).json().get(0);
  }

  private static void complete(Api api, JsonNode task, String output) {
    Reply r = api.post("/tasks", "{\"workflowInstanceId\":\"" + task.get("workflowInstanceId").asText()
        + "\",\"taskId\":\"" + task.get("taskId").asText() + "\",\"status\":\"COMPLETED\",\"outputData\":" + output + "}");
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void aLoopOfForksThenASwitchRunsToTheEndAcrossARestart() throws Exception {
    Path dir = Files.createTempDirectory("baton-ops");
    String id;
    try (TestNode node = TestNode.start(dir, Map.of())) {
      Api api = node.api;
      Reply registered = api.post("/metadata/workflow", FLOW);
      assertEquals(200, registered.status(), registered.body());
      id = api.post("/workflow/ops_flow", "{\"mode\":\"express\",\"orders\":[\"o1\",\"o2\"]}").body();
      JsonNode price1 = poll(api, "ops_price");
      assertEquals("o1", price1.get("inputData").get("order").asText());
      assertEquals("price__1", price1.get("referenceTaskName").asText());
      complete(api, price1, "{\"p\":1}");
    }
    try (TestNode node = TestNode.start(dir, Map.of())) {
      Api api = node.api;
      complete(api, poll(api, "ops_stock"), "{\"s\":1}");
      JsonNode price2 = poll(api, "ops_price");
      assertEquals("o2", price2.get("inputData").get("order").asText());
      complete(api, price2, "{\"p\":2}");
      complete(api, poll(api, "ops_stock"), "{\"s\":2}");
      complete(api, poll(api, "ops_ship"), "{\"tracking\":\"T-1\"}");
      JsonNode wf = Api.eventually(Duration.ofSeconds(15), () -> api.get("/workflow/" + id).json(),
          w -> w.get("status").asText().equals("COMPLETED"));
      assertEquals(20, wf.get("output").get("summary").get("count").asInt());
      assertEquals("express", wf.get("variables").get("mode").asText());
      JsonNode loop = null;
      for (JsonNode t : wf.get("tasks")) if (t.get("referenceTaskName").asText().equals("each")) loop = t;
      assertEquals(2, loop.get("outputData").get("iteration").asInt());
      assertEquals(1, loop.get("outputData").get("1").get("price").get("p").asInt());
    }
  }

  @Test
  void aWaitTimerFiresAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("baton-wait");
    String id;
    try (TestNode node = TestNode.start(dir, Map.of())) {
      node.api.post("/metadata/workflow", """
          {"name":"ops_wait","tasks":[{"name":"nap","taskReferenceName":"nap","type":"WAIT","inputParameters":{"duration":"2s"}}]}""");
      id = node.api.post("/workflow/ops_wait", "{}").body();
    }
    try (TestNode node = TestNode.start(dir, Map.of())) {
      JsonNode wf = Api.eventually(Duration.ofSeconds(20), () -> node.api.get("/workflow/" + id).json(),
          w -> w.get("status").asText().equals("COMPLETED"));
      JsonNode nap = wf.get("tasks").get(0);
      assertTrue(nap.get("endTime").asLong() - nap.get("scheduledTime").asLong() >= 2000, nap.toString());
    }
  }

  @Test
  void anOperatorMissingWhatItNeedsIsRefusedAtRegistration() throws Exception {
    try (TestNode node = TestNode.start()) {
      Reply r = node.api.post("/metadata/workflow", """
          {"name":"ops_bad","tasks":[
            {"name":"l","taskReferenceName":"l","type":"DO_WHILE","loopOver":[]},
            {"name":"j","taskReferenceName":"j","type":"JSON_JQ_TRANSFORM","inputParameters":{"queryExpression":".a | "}},
            {"name":"t","taskReferenceName":"t","type":"TERMINATE","inputParameters":{"terminationStatus":"MAYBE"}}]}""");
      assertEquals(400, r.status(), r.body());
      String errors = r.json().get("validationErrors").toString();
      assertTrue(errors.contains("tasks[0].loopOver") && errors.contains("tasks[0].loopCondition"), errors);
      assertTrue(errors.contains("tasks[1].inputParameters.queryExpression"), errors);
      assertTrue(errors.contains("tasks[2].inputParameters.terminationStatus"), errors);
      assertEquals(404, node.api.get("/metadata/workflow/ops_bad").status());
    }
  }
}
