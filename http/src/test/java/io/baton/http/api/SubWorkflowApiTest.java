package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workflows in workflows: SUB_WORKFLOW by name and inline, START_WORKFLOW, terminate and failure. */
class SubWorkflowApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
  }

  /** Own task, child and parent names per test, so tests never take each other's tasks. */
  private static void register(String k) {
    assertEquals(200, api.post("/metadata/taskdefs", "[{\"name\":\"sw_leaf_" + k + "\",\"retryCount\":0}]").status());
    // A child with a fork inside a loop.
    Reply child = api.post("/metadata/workflow", """
        {"name":"sw_child_K","version":1,"tasks":[
          {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","loopCondition":"$.loop['iteration'] < 2",
           "loopOver":[
             {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
               [{"name":"sw_leaf_K","taskReferenceName":"left"}],[{"name":"noop","taskReferenceName":"right","type":"NOOP"}]]},
             {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["left","right"]}]}],
         "outputParameters":{"fromChild":"${workflow.input.seed}","last":"${left.output.v}"}}""".replace("_K\"", "_" + k + "\""));
    assertEquals(200, child.status(), child.body());
    Reply parent = api.post("/metadata/workflow", """
        {"name":"sw_parent_K","version":1,"tasks":[
          {"name":"sub","taskReferenceName":"sub","type":"SUB_WORKFLOW","retryCount":0,
           "subWorkflowParam":{"name":"sw_child_K","version":1},"inputParameters":{"seed":"${workflow.input.seed}"}},
          {"name":"after","taskReferenceName":"after","type":"INLINE",
           "inputParameters":{"evaluatorType":"graaljs","expression":"$.c + '!'","c":"${sub.output.fromChild}"}}],
         "outputParameters":{"result":"${after.output.result}","child":"${sub.output.subWorkflowId}"}}""".replace("_K\"", "_" + k + "\""));
    assertEquals(200, parent.status(), parent.body());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static JsonNode pollLeaf(String k) {
    return Api.eventually(Duration.ofSeconds(15), () -> api.get("/tasks/poll/batch/sw_leaf_" + k + "?count=1&timeout=500"),
        r -> r.status() == 200 && r.json().size() == 1).json().get(0);
  }

  private static void leaf(String k, String status, String output) {
    JsonNode t = pollLeaf(k);
    assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + t.get("workflowInstanceId").asText()
        + "\",\"taskId\":\"" + t.get("taskId").asText() + "\",\"status\":\"" + status + "\",\"outputData\":" + output
        + ",\"reasonForIncompletion\":\"leaf says no\"}").status());
  }

  private static JsonNode until(String id, String status) {
    return Api.eventually(Duration.ofSeconds(20), () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals(status));
  }

  @Test
  void aChildWithAForkInsideALoopRunsAndItsEndCompletesTheParentTask() {
    register("a");
    String id = api.post("/workflow/sw_parent_a", "{\"seed\":\"s1\"}").body();
    leaf("a", "COMPLETED", "{\"v\":1}");
    leaf("a", "COMPLETED", "{\"v\":2}");
    JsonNode wf = until(id, "COMPLETED");
    assertEquals("s1!", wf.get("output").get("result").asText());
    String childId = wf.get("output").get("child").asText();
    JsonNode child = api.get("/workflow/" + childId).json();
    assertEquals("COMPLETED", child.get("status").asText());
    assertEquals(id, child.get("parentWorkflowId").asText());
    assertEquals(2, child.get("output").get("last").asInt());
    assertEquals(childId, wf.get("tasks").get(0).get("subWorkflowId").asText());
  }

  @Test
  void terminatingTheParentTerminatesTheChild() {
    register("b");
    String id = api.post("/workflow/sw_parent_b", "{\"seed\":\"s2\"}").body();
    JsonNode leafTask = pollLeaf("b");
    String childId = leafTask.get("workflowInstanceId").asText();
    assertEquals(200, api.delete("/workflow/" + id + "?reason=stop").status());
    JsonNode child = until(childId, "TERMINATED");
    assertTrue(child.get("reasonForIncompletion").asText().contains(id), child.get("reasonForIncompletion").asText());
  }

  @Test
  void aFailedChildFailsTheParentTaskWithTheChildsReason() {
    register("c");
    String id = api.post("/workflow/sw_parent_c", "{\"seed\":\"s3\"}").body();
    leaf("c", "FAILED", "{}");
    JsonNode wf = until(id, "FAILED");
    JsonNode sub = wf.get("tasks").get(0);
    assertEquals("FAILED", sub.get("status").asText());
    assertTrue(sub.get("reasonForIncompletion").asText().contains("leaf says no"), sub.toString());
  }

  @Test
  void anInlineChildDefinitionAndStartWorkflowFireAndForget() {
    register("d");
    Reply r = api.post("/workflow", """
        {"name":"sw_inline_parent","workflowDef":{"name":"sw_inline_parent","tasks":[
          {"name":"kick","taskReferenceName":"kick","type":"START_WORKFLOW",
           "inputParameters":{"startWorkflow":{"name":"sw_child_d","input":{"seed":"fired"}}}},
          {"name":"sub","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"inline_child",
            "workflowDefinition":{"name":"inline_child","tasks":[{"name":"n","taskReferenceName":"n","type":"NOOP"}],
              "outputParameters":{"ok":true}}}}]}}""");
    assertEquals(200, r.status(), r.body());
    JsonNode wf = until(r.body(), "COMPLETED");
    String fired = wf.get("tasks").get(0).get("outputData").get("workflowId").asText();
    JsonNode started = Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/" + fired),
        x -> x.status() == 200).json();
    assertEquals("fired", started.get("input").get("seed").asText());
    assertTrue(!started.has("parentWorkflowId"), "fire and forget: no parent link");
  }

  @Test
  void aSubWorkflowNamingAnUnknownWorkflowIsRefusedAtRegistration() {
    Reply r = api.post("/metadata/workflow", """
        {"name":"sw_bad","tasks":[{"name":"s","taskReferenceName":"s","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"nope"}}]}""");
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("nope"), r.body());
    Reply r2 = api.post("/metadata/workflow", """
        {"name":"sw_bad2","tasks":[{"name":"s","taskReferenceName":"s","type":"SUB_WORKFLOW"}]}""");
    assertEquals(400, r2.status());
    assertTrue(r2.body().contains("tasks[0].subWorkflowParam"), r2.body());
  }

  @Test
  void retryWithResumeSubworkflowTasksRetriesTheSameChild() {
    register("r");
    String id = api.post("/workflow/sw_parent_r", "{\"seed\":\"s5\"}").body();
    leaf("r", "FAILED", "{}");
    JsonNode failed = until(id, "FAILED");
    String childId = failed.get("tasks").get(0).get("subWorkflowId").asText();
    until(childId, "FAILED");
    assertEquals(204, api.post("/workflow/" + id + "/retry?resumeSubworkflowTasks=true", "").status());
    until(childId, "RUNNING");
    leaf("r", "COMPLETED", "{\"v\":1}");
    leaf("r", "COMPLETED", "{\"v\":2}");
    JsonNode done = until(id, "COMPLETED");
    assertEquals("s5!", done.get("output").get("result").asText());
    JsonNode attempts = done.get("tasks");
    assertEquals("FAILED", attempts.get(0).get("status").asText());
    assertEquals("COMPLETED", attempts.get(1).get("status").asText());
    assertEquals(childId, attempts.get(1).get("subWorkflowId").asText(), "the same child, retried");
    assertEquals("COMPLETED", api.get("/workflow/" + childId).json().get("status").asText());
  }
}
