package io.baton.runtime.decider;

import static io.baton.runtime.decider.ExecutionFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every timeout kind, on the decider's clock: deadlines are exact, not slept for. */
class TimeoutTest {
  private static String oneTask(String taskDef) {
    return "{\"name\":\"t\",\"tasks\":[{\"name\":\"w\",\"taskReferenceName\":\"w\",\"taskDefinition\":" + taskDef + "}]}";
  }

  @Test
  void taskTimeoutWithRetryPolicyRetries() {
    ExecutionFixture f = new ExecutionFixture().start(parse(oneTask(
        "{\"timeoutSeconds\":10,\"responseTimeoutSeconds\":10,\"timeoutPolicy\":\"RETRY\",\"retryCount\":1,\"retryDelaySeconds\":0}")), "{}");
    f.lease(f.task("w").taskId());
    f.later(5_000);
    f.when(new DeciderCommand.UpdateTask(new TaskResult("wf-1", "wf-1_1", "IN_PROGRESS", null, null, 0L, "w", null, null)));
    f.lease("wf-1_1").later(4_999).tick();
    assertEquals(TaskStatus.IN_PROGRESS, f.task("w").status(), "timeoutSeconds counts from the first poll");
    f.later(1).tick();
    assertEquals(TaskStatus.TIMED_OUT, f.state.task("wf-1_1").orElseThrow().status());
    assertTrue(f.state.task("wf-1_1").orElseThrow().reasonForIncompletion().contains("timeoutSeconds (10)"));
    assertEquals("wf-1_2", f.task("w").taskId());
  }

  @Test
  void taskTimeoutWithTimeOutWfEndsTheWorkflowWithoutRetrying() {
    ExecutionFixture f = new ExecutionFixture().start(parse(oneTask(
        "{\"timeoutSeconds\":10,\"responseTimeoutSeconds\":10,\"timeoutPolicy\":\"TIME_OUT_WF\",\"retryCount\":3}")), "{}");
    f.lease("wf-1_1").later(10_000).tick();
    assertEquals(WorkflowStatus.TIMED_OUT, f.state.status());
    assertEquals(1, f.state.tasks().size());
  }

  @Test
  void alertOnlyNeverActs() {
    ExecutionFixture f = new ExecutionFixture().start(parse(oneTask(
        "{\"timeoutSeconds\":10,\"responseTimeoutSeconds\":1000,\"timeoutPolicy\":\"ALERT_ONLY\"}")), "{}");
    f.lease("wf-1_1").later(60_000).tick();
    assertEquals(TaskStatus.IN_PROGRESS, f.task("w").status());
  }

  @Test
  void pollTimeoutTimesOutATaskNoWorkerTook() {
    ExecutionFixture f = new ExecutionFixture().start(parse(oneTask(
        "{\"pollTimeoutSeconds\":30,\"retryCount\":0}")), "{}");
    assertEquals(f.now + 30_000, Deadlines.next(f.state));
    f.later(30_000).tick();
    assertEquals(TaskStatus.TIMED_OUT, f.task("w").status());
    assertEquals(WorkflowStatus.TIMED_OUT, f.state.status());
    assertTrue(f.state.reasonForIncompletion().contains("pollTimeoutSeconds"));
  }

  @Test
  void totalTimeoutCountsAcrossAttemptsAndStopsRetrying() {
    ExecutionFixture f = new ExecutionFixture().start(parse(oneTask(
        "{\"totalTimeoutSeconds\":20,\"retryCount\":5,\"retryDelaySeconds\":0}")), "{}");
    f.lease("wf-1_1").later(15_000).report("wf-1_1", "FAILED", null, "x");
    f.lease("wf-1_2").later(5_000).tick();
    assertEquals(WorkflowStatus.TIMED_OUT, f.state.status());
    assertEquals(2, f.state.tasks().size(), "no further attempt after the total timeout");
  }

  @Test
  void workflowTimeoutCancelsWhatIsOpenAndAlertOnlyDoesNot() {
    ExecutionFixture f = new ExecutionFixture().start(parse(
        "{\"name\":\"t\",\"timeoutPolicy\":\"TIME_OUT_WF\",\"timeoutSeconds\":60,\"tasks\":[{\"name\":\"w\",\"taskReferenceName\":\"w\"}]}"), "{}");
    assertEquals(f.now + 60_000, Deadlines.next(f.state));
    f.later(60_000).tick();
    assertEquals(WorkflowStatus.TIMED_OUT, f.state.status());
    assertEquals(TaskStatus.CANCELED, f.task("w").status());
    ExecutionFixture alert = new ExecutionFixture().start(parse(
        "{\"name\":\"t\",\"timeoutPolicy\":\"ALERT_ONLY\",\"timeoutSeconds\":60,\"tasks\":[{\"name\":\"w\",\"taskReferenceName\":\"w\"}]}"), "{}");
    alert.later(120_000).tick();
    assertEquals(WorkflowStatus.RUNNING, alert.state.status());
  }

  @Test
  void aFailedWorkflowNamesItsFailureWorkflowInItsOutput() {
    ExecutionFixture f = new ExecutionFixture().start(parse(
        "{\"name\":\"t\",\"failureWorkflow\":\"cleanup\",\"tasks\":[{\"name\":\"w\",\"taskReferenceName\":\"w\",\"taskDefinition\":{\"retryCount\":0}}]}"), "{}");
    f.lease("wf-1_1").report("wf-1_1", "FAILED", null, "boom");
    assertEquals(WorkflowFailure.idOf("wf-1"), f.state.output().get(WorkflowFailure.OUTPUT_KEY).asText());
    var input = WorkflowFailure.inputFor(f.state, "wf-1_1");
    assertEquals("wf-1", input.get("workflowId").asText());
    assertEquals("FAILED", input.get("failureStatus").asText());
    assertEquals("wf-1_1", input.get("failureTaskId").asText());
    assertTrue(input.get("reason").asText().contains("boom"));
    ExecutionFixture none = new ExecutionFixture().start(parse(oneTask("{\"retryCount\":0}")), "{}");
    none.lease("wf-1_1").report("wf-1_1", "FAILED", null, "boom");
    assertFalse(none.state.output().has(WorkflowFailure.OUTPUT_KEY));
  }

  @Test
  void anHttpTaskWhoseRunnerDiedGoesBackToItsQueueAsTheSameAttempt() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{
          "http_request":{"uri":"http://127.0.0.1:9/x","method":"GET","connectionTimeOut":2000,"readTimeOut":"3000"}}}]}"""),
        "{}");
    String id = f.task("call").taskId();
    f.lease(id);
    // headers within connect + read, then the body within read again, then the report
    long bound = 2_000 + 3_000 + 3_000 + SystemTaskLeases.REPORT_MARGIN_MILLIS;
    assertEquals(f.now + bound, Deadlines.next(f.state));
    f.later(bound - 1).tick();
    assertEquals(TaskStatus.IN_PROGRESS, f.task("call").status(), "a runner may still be calling");

    f.later(1).tick();
    TaskState again = f.task("call");
    assertEquals(TaskStatus.SCHEDULED, again.status());
    assertEquals(id, again.taskId(), "the same attempt, not a retry");
    assertEquals(List.of(new WorkflowEvent.TaskRequeued(id, ExecutionFixture.json("{}"), 0, null, true, f.now)),
        f.lastEvents, "a requeue that says the lease expired, not a worker's IN_PROGRESS");
    assertEquals(1, f.state.tasks().size());
    f.lease(id);
    assertNull(f.lastRejection, "the next runner may lease it");
    f.report(id, "COMPLETED", "{\"response\":{\"statusCode\":200}}", null);
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
  }

  @Test
  void timeoutsInTheInputItselfCountAndATaskTypeOfHttpIsWhatMatters() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"call","taskReferenceName":"call","type":"DYNAMIC","dynamicTaskNameParam":"kind",
          "inputParameters":{"kind":"HTTP","uri":"http://127.0.0.1:9/x","connectionTimeOut":1000,"readTimeOut":120000}}]}"""),
        "{}");
    assertEquals("HTTP", f.task("call").taskType());
    f.lease(f.task("call").taskId());
    assertEquals(f.now + 1_000 + 2 * 120_000 + SystemTaskLeases.REPORT_MARGIN_MILLIS, Deadlines.next(f.state));
  }

  @Test
  void aTaskTimeoutDueAtTheSameTickWinsOverGivingTheLeaseBack() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"call","taskReferenceName":"call","type":"HTTP",
          "taskDefinition":{"timeoutSeconds":20,"timeoutPolicy":"RETRY","retryCount":1,"retryDelaySeconds":0},
          "inputParameters":{"http_request":{"uri":"http://127.0.0.1:9/x","method":"GET"}}}]}"""), "{}");
    String first = f.task("call").taskId();
    f.lease(first);
    // the node was down past both deadlines: the task's own timeout decides, with its retry
    f.later(200_000).tick();
    assertEquals(TaskStatus.TIMED_OUT, f.state.task(first).orElseThrow().status());
    assertEquals(1, f.task("call").retryCount());
  }

  @Test
  void anEventTaskLeaseLastsItsPublishTimeoutAndTheReportMargin() {
    ExecutionFixture f = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"pub","taskReferenceName":"pub","type":"EVENT","sink":"conductor:q"}]}"""), "{}");
    f.lease(f.task("pub").taskId());
    long bound = SystemTaskLeases.EVENT_PUBLISH_TIMEOUT_MILLIS + SystemTaskLeases.REPORT_MARGIN_MILLIS;
    assertEquals(f.now + bound, Deadlines.next(f.state));
    f.later(bound).tick();
    assertEquals(TaskStatus.SCHEDULED, f.task("pub").status());
  }

  @Test
  void anHttpTaskWithoutTimeoutsGetsTheHttpDefaultsAndAWorkerTaskKeepsItsLease() {
    ExecutionFixture http = new ExecutionFixture().start(parse("""
        {"name":"t","tasks":[{"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{
          "http_request":{"uri":"http://127.0.0.1:9/x","method":"GET","readTimeOut":0}}}]}"""), "{}");
    http.lease(http.task("call").taskId());
    assertEquals(http.now + SystemTaskLeases.HTTP_CONNECT_TIMEOUT_MILLIS + 2 * SystemTaskLeases.HTTP_READ_TIMEOUT_MILLIS
        + SystemTaskLeases.REPORT_MARGIN_MILLIS, Deadlines.next(http.state));

    ExecutionFixture worker = new ExecutionFixture().start(parse(oneTask("{\"responseTimeoutSeconds\":600}")), "{}");
    worker.lease("wf-1_1").later(300_000).tick();
    assertEquals(TaskStatus.IN_PROGRESS, worker.task("w").status(), "only its response timeout ends a worker's lease");
  }
}
