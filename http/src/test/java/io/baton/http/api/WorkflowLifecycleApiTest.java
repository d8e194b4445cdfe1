package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import io.baton.persistence.NewPersistenceIds;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walking skeleton over real HTTP: define, start, poll, update, read. */
class WorkflowLifecycleApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
    assertEquals(200, api.post("/metadata/taskdefs", """
        [{"name":"lc_a","retryCount":1,"retryDelaySeconds":0,"responseTimeoutSeconds":30},
         {"name":"lc_b","retryCount":0}]""").status());
    assertEquals(200, api.post("/metadata/workflow", """
        {"name":"lifecycle","version":1,"ownerTeam":"kept-as-is",
         "tasks":[
           {"name":"lc_a","taskReferenceName":"a","inputParameters":{"x":"${workflow.input.x}","lit":"$${not}"}},
           {"name":"lc_b","taskReferenceName":"b","inputParameters":{"fromA":"${a.output.v}","msg":"a said ${a.output.v}"}}],
         "outputParameters":{"result":"${b.output.r}","missing":"${a.output.nothing}"}}""").status());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static JsonNode pollOne(String type, String worker) {
    Reply r = Api.eventually(Duration.ofSeconds(10),
        () -> api.get("/tasks/poll/batch/" + type + "?count=1&timeout=1000&workerid=" + worker),
        reply -> reply.status() == 200 && reply.json().size() == 1);
    return r.json().get(0);
  }

  /**
   * A start under a random id skips the journal reads of a new execution (NewPersistenceIds); the
   * id is registered only while its start is answered, and the execution is whole afterwards.
   */
  @Test
  void startsLeaveNoNewIdBehind() {
    NewPersistenceIds newIds = NewPersistenceIds.get(node.system());
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Reply started = api.post("/workflow/lifecycle?correlationId=fresh-" + i, "{\"x\": " + i + "}");
      assertEquals(200, started.status(), started.body());
      ids.add(started.body());
    }
    Reply keyed = api.post("/workflow", """
        {"name":"lifecycle","version":1,"input":{"x":"k"},"idempotencyKey":"fresh-keyed"}""");
    assertEquals(200, keyed.status(), keyed.body());
    assertEquals(0, newIds.pending());
    for (int i = 0; i < ids.size(); i++) {
      JsonNode wf = api.get("/workflow/" + ids.get(i)).json();
      assertEquals("RUNNING", wf.get("status").asText());
      assertEquals("fresh-" + i, wf.get("correlationId").asText());
      assertEquals(i, wf.get("input").get("x").asInt());
      assertEquals("a", wf.get("tasks").get(0).get("referenceTaskName").asText());
    }
    for (String id : ids) assertEquals(200, api.delete("/workflow/" + id + "?reason=done").status());
    // The keyed id is not new: starting it again finds the first execution.
    assertEquals(keyed.body(), api.post("/workflow", """
        {"name":"lifecycle","version":1,"input":{"x":"k"},"idempotencyKey":"fresh-keyed"}""").body());
  }

  @Test
  void aWorkflowRunsFromStartToCompletion() {
    Reply started = api.post("/workflow/lifecycle?correlationId=c-1&priority=7", "{\"x\": {\"deep\": [1, 2]}}");
    assertEquals(200, started.status(), started.body());
    assertTrue(started.contentType().startsWith("text/plain"));
    String id = started.body();

    JsonNode a = pollOne("lc_a", "w-a");
    assertEquals(id, a.get("workflowInstanceId").asText());
    assertEquals("IN_PROGRESS", a.get("status").asText());
    assertEquals("w-a", a.get("workerId").asText());
    assertEquals(1, a.get("pollCount").asInt());
    assertEquals(7, a.get("workflowPriority").asInt());
    assertEquals("c-1", a.get("correlationId").asText());
    assertEquals("lifecycle", a.get("workflowType").asText());
    assertEquals("[1,2]", a.get("inputData").get("x").get("deep").toString());
    assertEquals("${not}", a.get("inputData").get("lit").asText());
    for (String key : Set.of("taskType", "status", "inputData", "referenceTaskName", "retryCount", "seq",
        "pollCount", "taskDefName", "scheduledTime", "startTime", "endTime", "updateTime",
        "startDelayInSeconds", "retried", "executed", "callbackFromWorker", "responseTimeoutSeconds",
        "workflowInstanceId", "workflowType", "taskId", "callbackAfterSeconds", "workerId", "outputData",
        "workflowTask", "rateLimitPerFrequency", "rateLimitFrequencyInSeconds", "workflowPriority",
        "iteration", "correlationId")) {
      assertTrue(a.has(key), "task JSON lacks " + key);
    }

    Reply updated = api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
        + a.get("taskId").asText() + "\",\"status\":\"COMPLETED\",\"outputData\":{\"v\":\"hello\"},"
        + "\"logs\":[{\"log\":\"did it\"}]}");
    assertEquals(200, updated.status(), updated.body());
    assertEquals(a.get("taskId").asText(), updated.body());

    JsonNode b = pollOne("lc_b", "w-b");
    assertEquals("hello", b.get("inputData").get("fromA").asText());
    assertEquals("a said hello", b.get("inputData").get("msg").asText());
    assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
        + b.get("taskId").asText() + "\",\"status\":\"COMPLETED\",\"outputData\":{\"r\":42}}").status());

    JsonNode wf = api.get("/workflow/" + id).json();
    assertEquals("COMPLETED", wf.get("status").asText());
    assertEquals(42, wf.get("output").get("result").asInt());
    assertTrue(wf.get("output").has("missing") && wf.get("output").get("missing").isNull(),
        "a path that resolves to nothing is kept as null: " + wf.get("output"));
    assertEquals(2, wf.get("tasks").size());
    assertEquals("lifecycle", wf.get("workflowName").asText());
    assertEquals("kept-as-is", wf.get("workflowDefinition").get("ownerTeam").asText());
    assertTrue(wf.get("endTime").asLong() >= wf.get("createTime").asLong());

    assertEquals(0, api.get("/workflow/" + id + "?includeTasks=false").json().get("tasks").size());
    JsonNode status = api.get("/workflow/" + id + "/status").json();
    assertEquals("COMPLETED", status.get("status").asText());
    assertEquals("c-1", status.get("correlationId").asText());

    JsonNode task = api.get("/tasks/" + a.get("taskId").asText()).json();
    assertEquals("COMPLETED", task.get("status").asText());
    JsonNode logs = api.get("/tasks/" + a.get("taskId").asText() + "/log").json();
    assertEquals("did it", logs.get(0).get("log").asText());
  }

  @Test
  void aFailedAttemptIsRetriedUnderANewIdAndAnExhaustedOneFailsTheWorkflow() {
    String id = api.post("/workflow/lifecycle", "{}").body();
    JsonNode first = pollOne("lc_a", "w");
    assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
        + first.get("taskId").asText() + "\",\"status\":\"FAILED\",\"reasonForIncompletion\":\"flaky\"}").status());
    JsonNode second = pollOne("lc_a", "w");
    assertEquals(id, second.get("workflowInstanceId").asText());
    assertEquals(1, second.get("retryCount").asInt());
    assertEquals(first.get("taskId").asText(), second.get("retriedTaskId").asText());
    api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
        + second.get("taskId").asText() + "\",\"status\":\"FAILED\",\"reasonForIncompletion\":\"still\"}");
    JsonNode wf = api.get("/workflow/" + id).json();
    assertEquals("FAILED", wf.get("status").asText());
    assertEquals("Task " + second.get("taskId").asText() + " failed with status: FAILED and reason: 'still'",
        wf.get("reasonForIncompletion").asText());
  }

  @Test
  void startWithARequestBodyAnInlineDefinitionAndAnIdempotencyKey() {
    String body = """
        {"name":"inline_wf","input":{"k":1},"correlationId":"inl","idempotencyKey":"once",
         "workflowDef":{"name":"inline_wf","tasks":[{"name":"lc_inline","taskReferenceName":"only"}]}}""";
    Reply first = api.post("/workflow", body);
    assertEquals(200, first.status(), first.body());
    Reply again = api.post("/workflow", body);
    assertEquals(first.body(), again.body(), "same idempotency key returns the existing execution");
    JsonNode wf = api.get("/workflow/" + first.body()).json();
    assertEquals("inline_wf", wf.get("workflowName").asText());
    assertEquals(1, wf.get("input").get("k").asInt());
  }

  @Test
  void terminateCancelsAndLaterUpdatesChangeNothing() {
    String id = api.post("/workflow/lifecycle", "{}").body();
    JsonNode a = pollOne("lc_a", "w");
    assertEquals(200, api.delete("/workflow/" + id + "?reason=no%20longer%20needed").status());
    JsonNode wf = api.get("/workflow/" + id).json();
    assertEquals("TERMINATED", wf.get("status").asText());
    assertEquals("no longer needed", wf.get("reasonForIncompletion").asText());
    assertEquals("CANCELED", wf.get("tasks").get(0).get("status").asText());
    Reply late = api.post("/tasks", "{\"workflowInstanceId\":\"" + id + "\",\"taskId\":\""
        + a.get("taskId").asText() + "\",\"status\":\"COMPLETED\",\"outputData\":{\"v\":1}}");
    assertEquals(200, late.status(), "an update of a terminated workflow is idempotent");
    assertEquals(wf, api.get("/workflow/" + id).json(), "nothing stored changed");
    assertEquals(200, api.delete("/workflow/" + id).status(), "terminating again changes nothing");
  }

  @Test
  void removeForgetsTheExecution() {
    String id = api.post("/workflow/lifecycle", "{}").body();
    assertEquals(200, api.delete("/workflow/" + id + "/remove").status());
    Reply gone = api.get("/workflow/" + id);
    assertEquals(404, gone.status());
    assertEquals(404, gone.json().get("status").asInt());
  }

  @Test
  void runningAndCorrelatedComeFromTheReadSide() {
    String id = api.post("/workflow/lifecycle?correlationId=corr-read", "{}").body();
    Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/running/lifecycle").json(),
        ids -> ids.toString().contains(id));
    Api.eventually(Duration.ofSeconds(10),
        () -> api.get("/workflow/lifecycle/correlated/corr-read?includeClosed=true&includeTasks=true").json(),
        list -> list.size() == 1 && list.get(0).get("workflowId").asText().equals(id));
    api.delete("/workflow/" + id);
    Api.eventually(Duration.ofSeconds(10), () -> api.get("/workflow/running/lifecycle").json(),
        ids -> !ids.toString().contains(id));
    JsonNode open = api.get("/workflow/lifecycle/correlated/corr-read").json();
    assertFalse(open.toString().contains(id), "closed executions only with includeClosed");
  }
}
