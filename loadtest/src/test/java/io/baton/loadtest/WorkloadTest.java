package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void everyDefinitionIsJsonAndRunsAsManyWorkerTasksAsItSays() throws Exception {
    for (Workload w : List.of(Workload.W1, Workload.W3, Workload.WS, Workload.WSM, Workload.WF, Workload.HUMAN)) {
      JsonNode def = ConductorClient.JSON.readTree(w.workflowDef());
      assertEquals(w.workflowName(), def.path("name").asText());
      List<JsonNode> simple = new ArrayList<>();
      collect(def.path("tasks"), "SIMPLE", simple);
      assertEquals(w.workerTasks(), simple.size(), w.name());
      for (JsonNode t : simple) {
        assertEquals(w.taskType(), t.path("name").asText());
        assertTrue(t.path("inputParameters").path("in").asText().startsWith("${"), "every worker task maps an input");
      }
      JsonNode taskDef = ConductorClient.JSON.readTree(w.taskDef());
      assertEquals(0, taskDef.path("retryCount").asInt(-1));
      assertEquals(60, taskDef.path("responseTimeoutSeconds").asInt());
    }
  }

  @Test
  void w3ChainsEachTaskToThePreviousOutput() throws Exception {
    JsonNode tasks = ConductorClient.JSON.readTree(Workload.W3.workflowDef()).path("tasks");
    assertEquals("${t1.output.v}", tasks.get(1).path("inputParameters").path("in").asText());
    assertEquals("${t2.output.v}", tasks.get(2).path("inputParameters").path("in").asText());
  }

  @Test
  void wfJoinsAllTenBranches() throws Exception {
    JsonNode tasks = ConductorClient.JSON.readTree(Workload.WF.workflowDef()).path("tasks");
    assertEquals(10, tasks.get(0).path("forkTasks").size());
    assertEquals(10, tasks.get(1).path("joinOn").size());
  }

  @Test
  void holdingWaitsOnAHumanTask() throws Exception {
    JsonNode task = ConductorClient.JSON.readTree(Workload.HUMAN.workflowDef()).path("tasks").get(0);
    assertEquals("HUMAN", task.path("type").asText());
    assertEquals(Workload.HUMAN_REF, task.path("taskReferenceName").asText());
  }

  @Test
  void inputsAndOutputsHaveTheBenchmarkSizes() throws Exception {
    int input = Workload.input(123).length();
    int output = Workload.output(123).length();
    assertTrue(input >= 180 && input <= 220, "input is " + input + " bytes");
    assertTrue(output >= 90 && output <= 110, "output is " + output + " bytes");
    assertEquals("123", ConductorClient.JSON.readTree(Workload.input(123)).path("payload").asText().substring(0, 3));
  }

  @Test
  void namesAreCaseInsensitiveAndUnknownOnesAreRefused() {
    assertEquals(Workload.WSM, Workload.named("wsm"));
    UsageException e = assertThrows(UsageException.class, () -> Workload.named("HUMAN"));
    assertTrue(e.getMessage().contains("W1, W3, WS, WSM, WF"), e.getMessage());
  }

  private static void collect(JsonNode node, String type, List<JsonNode> out) {
    if (node.isArray()) {
      for (JsonNode n : node) collect(n, type, out);
    } else if (node.isObject()) {
      if (type.equals(node.path("type").asText())) out.add(node);
      node.fields().forEachRemaining(e -> collect(e.getValue(), type, out));
    }
  }
}
