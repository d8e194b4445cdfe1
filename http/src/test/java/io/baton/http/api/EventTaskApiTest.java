package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EVENT tasks publishing on durable internal queues, and event handlers acting on what arrives,
 * over real HTTP: starting a workflow, completing and failing a waiting task, conditions, and the
 * failure of a sink this server cannot publish to.
 */
class EventTaskApiTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);
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

  private static void ok(Reply r) {
    assertEquals(200, r.status(), r.body());
  }

  private static String startWorkflow(String name, String input) {
    Reply r = api.post("/workflow/" + name, input);
    ok(r);
    return r.body();
  }

  private static JsonNode workflowIn(String id, String status) {
    return Api.eventually(WITHIN, () -> api.get("/workflow/" + id).json(),
        w -> w.get("status").asText().equals(status));
  }

  private static JsonNode task(JsonNode workflow, String ref) {
    for (JsonNode t : workflow.get("tasks")) {
      if (t.get("referenceTaskName").asText().equals(ref)) return t;
    }
    throw new AssertionError("no task " + ref + " in " + workflow);
  }

  private static JsonNode taskIn(String workflowId, String ref, String status) {
    JsonNode wf = Api.eventually(WITHIN, () -> api.get("/workflow/" + workflowId).json(), w -> {
      for (JsonNode t : w.get("tasks")) {
        if (t.get("referenceTaskName").asText().equals(ref) && t.get("status").asText().equals(status)) return true;
      }
      return false;
    });
    return task(wf, ref);
  }

  /** A workflow of one EVENT task that publishes its input fields on {@code sink}. */
  private static void publisher(String name, String sink, String... fields) {
    StringBuilder params = new StringBuilder();
    for (String f : fields) {
      if (params.length() > 0) params.append(',');
      params.append('"').append(f).append("\":\"${workflow.input.").append(f).append("}\"");
    }
    ok(api.post("/metadata/workflow", "{\"name\":\"" + name + "\",\"tasks\":[{\"name\":\"publish\","
        + "\"taskReferenceName\":\"publish\",\"type\":\"EVENT\",\"sink\":\"" + sink + "\","
        + "\"inputParameters\":{" + params + "}}]}"));
  }

  @Test
  void aHandlerStartsAWorkflowWithInputFromThePublishedPayload() {
    ok(api.post("/metadata/workflow", """
        {"name":"ev_target","tasks":[{"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}"""));
    publisher("ev_source", "conductor:orders", "orderId", "amount");
    ok(api.post("/event", """
        {"name":"ev_start_target","event":"conductor:ev_source:orders","actions":[{"action":"start_workflow",
          "start_workflow":{"name":"ev_target","correlationId":"${orderId}",
            "input":{"orderId":"${orderId}","amount":"${amount}","source":"${workflowInstanceId}"}}}]}"""));

    String source = startWorkflow("ev_source", "{\"orderId\":\"o-1\",\"amount\":12}");
    JsonNode published = task(workflowIn(source, "COMPLETED"), "publish");
    JsonNode out = published.get("outputData");
    assertEquals("conductor:ev_source:orders", out.get("event_produced").asText());
    assertEquals("conductor:orders", out.get("sink").asText());
    assertEquals(source, out.get("workflowInstanceId").asText());
    assertEquals("ev_source", out.get("workflowType").asText());
    assertEquals(1, out.get("workflowVersion").asInt());
    assertEquals("o-1", out.get("orderId").asText());

    JsonNode started = Api.eventually(WITHIN,
        () -> api.get("/workflow/ev_target/correlated/o-1?includeClosed=true").json(), list -> list.size() == 1).get(0);
    JsonNode target = api.get("/workflow/" + started.get("workflowId").asText()).json();
    assertEquals("RUNNING", target.get("status").asText());
    assertEquals("o-1", target.get("correlationId").asText());
    JsonNode input = target.get("input");
    assertEquals("o-1", input.get("orderId").asText());
    assertEquals(12, input.get("amount").asInt());
    assertEquals(source, input.get("source").asText());
    assertEquals("conductor:ev_source:orders", input.get("conductor.event.name").asText());
    assertEquals(published.get("taskId").asText(), input.get("conductor.event.messageId").asText());
  }

  @Test
  void aHandlerCompletesATaskThatWaitsInAnotherWorkflow() {
    ok(api.post("/metadata/workflow", """
        {"name":"ev_waiter","tasks":[{"name":"approval","taskReferenceName":"approval","type":"HUMAN"}],
         "outputParameters":{"verdict":"${approval.output.verdict}"}}"""));
    publisher("ev_notifier", "conductor:approvals", "target", "verdict");
    ok(api.post("/event", """
        {"name":"ev_approve","event":"conductor:ev_notifier:approvals","actions":[{"action":"complete_task",
          "complete_task":{"workflowId":"${target}","taskRefName":"approval","output":{"verdict":"${verdict}"}}}]}"""));

    String waiter = startWorkflow("ev_waiter", "{}");
    taskIn(waiter, "approval", "IN_PROGRESS");
    String notifier = startWorkflow("ev_notifier", "{\"target\":\"" + waiter + "\",\"verdict\":\"yes\"}");
    workflowIn(notifier, "COMPLETED");

    JsonNode done = workflowIn(waiter, "COMPLETED");
    assertEquals("yes", done.get("output").get("verdict").asText());
    JsonNode approval = task(done, "approval");
    assertEquals("COMPLETED", approval.get("status").asText());
    assertEquals("conductor:ev_notifier:approvals", approval.get("outputData").get("conductor.event.name").asText());
  }

  @Test
  void aHandlerFailsATaskWithTheReasonFromThePayload() {
    ok(api.post("/metadata/workflow", """
        {"name":"ev_doomed","tasks":[{"name":"approval","taskReferenceName":"approval","type":"HUMAN","retryCount":0}]}"""));
    publisher("ev_rejecter", "conductor:rejections", "target", "why");
    ok(api.post("/event", """
        {"name":"ev_reject","event":"conductor:ev_rejecter:rejections","actions":[{"action":"fail_task",
          "fail_task":{"workflowId":"${target}","taskRefName":"approval","reasonForIncompletion":"${why}"}}]}"""));

    String doomed = startWorkflow("ev_doomed", "{}");
    taskIn(doomed, "approval", "IN_PROGRESS");
    startWorkflow("ev_rejecter", "{\"target\":\"" + doomed + "\",\"why\":\"budget refused\"}");

    JsonNode failed = workflowIn(doomed, "FAILED");
    JsonNode approval = task(failed, "approval");
    assertEquals("FAILED", approval.get("status").asText());
    assertEquals("budget refused", approval.get("reasonForIncompletion").asText());
  }

  @Test
  void aHandlerWhoseConditionIsFalseDoesNothing() {
    ok(api.post("/metadata/workflow", """
        {"name":"ev_gate","tasks":[
          {"name":"fan","taskReferenceName":"fan","type":"FORK_JOIN","forkTasks":[
            [{"name":"small","taskReferenceName":"small","type":"HUMAN"}],
            [{"name":"big","taskReferenceName":"big","type":"HUMAN"}]]},
          {"name":"fan_join","taskReferenceName":"fan_join","type":"JOIN","joinOn":["small","big"]}]}"""));
    publisher("ev_router", "conductor:amounts", "target", "amount");
    // Handlers act in name order, so a wrongly matched "a_big" would act before "b_small" does.
    ok(api.post("/event", """
        {"name":"a_big","event":"conductor:ev_router:amounts","condition":"$.amount > 100","actions":[
          {"action":"complete_task","complete_task":{"workflowId":"${target}","taskRefName":"big"}}]}"""));
    ok(api.post("/event", """
        {"name":"b_small","event":"conductor:ev_router:amounts","condition":"$.amount <= 100","actions":[
          {"action":"complete_task","complete_task":{"workflowId":"${target}","taskRefName":"small"}}]}"""));

    String gate = startWorkflow("ev_gate", "{}");
    taskIn(gate, "big", "IN_PROGRESS");
    startWorkflow("ev_router", "{\"target\":\"" + gate + "\",\"amount\":5}");
    taskIn(gate, "small", "COMPLETED");
    JsonNode afterSmall = api.get("/workflow/" + gate).json();
    assertEquals("IN_PROGRESS", task(afterSmall, "big").get("status").asText());
    assertEquals("RUNNING", afterSmall.get("status").asText());

    startWorkflow("ev_router", "{\"target\":\"" + gate + "\",\"amount\":500}");
    JsonNode done = workflowIn(gate, "COMPLETED");
    assertNotEquals(task(done, "small").get("outputData").get("conductor.event.messageId").asText(),
        task(done, "big").get("outputData").get("conductor.event.messageId").asText());
  }

  @Test
  void aSinkThisServerCannotPublishToFailsTheTaskWithTheReason() {
    ok(api.post("/metadata/workflow", """
        {"name":"ev_sqs","tasks":[{"name":"publish","taskReferenceName":"publish","type":"EVENT","sink":"sqs:orders"},
                                  {"name":"after","taskReferenceName":"after","type":"NOOP"}]}"""));
    String id = startWorkflow("ev_sqs", "{}");
    JsonNode failed = workflowIn(id, "FAILED");
    JsonNode publish = task(failed, "publish");
    assertTrue(publish.get("status").asText().startsWith("FAILED"), publish.toString());
    assertEquals("sink type not supported by this server: sqs:orders (supported: conductor, conductor:<queue>)",
        publish.get("reasonForIncompletion").asText());
    assertEquals(1, failed.get("tasks").size(), "nothing after the failed EVENT task ran");
  }
}
