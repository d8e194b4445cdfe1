package io.baton.runtime.decider;

import static io.baton.runtime.decider.ExecutionFixture.json;
import static io.baton.runtime.decider.ExecutionFixture.optional;
import static io.baton.runtime.decider.ExecutionFixture.simple;
import static io.baton.runtime.decider.ExecutionFixture.taskDef;
import static io.baton.runtime.decider.ExecutionFixture.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.runtime.decider.DeciderCommand.AppendTaskLog;
import io.baton.runtime.decider.DeciderCommand.CheckTimeouts;
import io.baton.runtime.decider.DeciderCommand.RemoveWorkflow;
import io.baton.runtime.decider.DeciderCommand.TerminateWorkflow;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialWorkflowTest {
  private static final WorkflowDef THREE = workflow("{\"final\": \"${t3.output.v}\"}",
      simple("t1", "{\"a\": \"${workflow.input.x}\"}"),
      simple("t2", "{\"b\": \"${t1.output.v}\", \"n\": \"${t1.output.n}\"}"),
      simple("t3", "{\"c\": \"${t2.output.v}\"}"));

  @Test
  void startPersistsTheStartAndTheFirstTaskInOneDecision() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{\"x\": 42}");
    assertEquals(2, f.lastEvents.size());
    assertTrue(f.lastEvents.get(0) instanceof WorkflowEvent.WorkflowStarted);
    TaskState t1 = f.last();
    assertEquals("t1", t1.referenceTaskName());
    assertEquals(TaskStatus.SCHEDULED, t1.status());
    assertEquals("wf-1_1", t1.taskId());
    assertEquals("task_t1", t1.taskType(), "a worker task's type is its name: the queue workers poll");
    assertEquals(42, t1.inputData().get("a").asInt(), "an exact expression keeps its JSON type");
    assertEquals(WorkflowStatus.RUNNING, f.state.status());
    assertEquals("corr-1", f.state.correlationId());
  }

  @Test
  void startingTwiceIsAConflict() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}").start(THREE, "{}");
    assertEquals(Rejection.Kind.CONFLICT, f.lastRejection.kind());
    assertEquals(1, f.state.tasks().size());
  }

  @Test
  void outputsFlowIntoTheNextInputAndTheWorkflowCompletes() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{\"x\": 1}");
    f.lease("wf-1_1").report("wf-1_1", "COMPLETED", "{\"v\": \"one\", \"n\": 7}", null);
    TaskState t2 = f.task("t2");
    assertEquals("one", t2.inputData().get("b").asText());
    assertEquals(7, t2.inputData().get("n").asInt());
    f.lease(t2.taskId()).report(t2.taskId(), "COMPLETED", "{\"v\": \"two\"}", null);
    TaskState t3 = f.task("t3");
    f.lease(t3.taskId()).report(t3.taskId(), "COMPLETED", "{\"v\": \"three\"}", null);
    assertEquals(WorkflowStatus.COMPLETED, f.state.status());
    assertEquals("three", f.state.output().get("final").asText());
    assertEquals(f.now, f.state.endTime());
  }

  @Test
  void withoutOutputParametersTheLastTaskOutputIsTheWorkflowOutput() {
    ExecutionFixture f = new ExecutionFixture().start(workflow(null, simple("only", null)), "{}");
    f.lease("wf-1_1").report("wf-1_1", "COMPLETED", "{\"r\": [1, 2]}", null);
    assertEquals(json("{\"r\": [1, 2]}"), f.state.output());
  }

  @Test
  void aLeaseMakesTheTaskInProgressOnceOnly() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}").later(50).lease("wf-1_1");
    TaskState t = f.task("t1");
    assertEquals(TaskStatus.IN_PROGRESS, t.status());
    assertEquals(1, t.pollCount());
    assertEquals("worker-1", t.workerId());
    assertEquals(f.now, t.startTime());
    f.lease("wf-1_1");
    assertEquals(Rejection.Kind.CONFLICT, f.lastRejection.kind());
    assertEquals(1, f.task("t1").pollCount());
  }

  @Test
  void duplicateAndStaleUpdatesChangeNothing() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}").lease("wf-1_1")
        .report("wf-1_1", "COMPLETED", "{\"v\": 1}", null);
    int events = f.journal.size();
    f.report("wf-1_1", "COMPLETED", "{\"v\": 2}", null);
    assertNull(f.lastRejection);
    assertEquals(events, f.journal.size());
    f.report("wf-1_1", "FAILED", null, "late");
    assertEquals(events, f.journal.size());
    assertEquals(1, f.task("t1").outputData().get("v").asInt());
  }

  @Test
  void unknownTaskIsNotFoundAndBadStatusIsInvalid() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}");
    f.report("wf-1_99", "COMPLETED", null, null);
    assertEquals(Rejection.Kind.NOT_FOUND, f.lastRejection.kind());
    f.report("wf-1_1", "DONE", null, null);
    assertEquals(Rejection.Kind.INVALID, f.lastRejection.kind());
    assertEquals(TaskStatus.SCHEDULED, f.task("t1").status());
  }

  @Test
  void inProgressGoesBackToTheQueueAfterTheCallbackWithItsOutputKept() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}").lease("wf-1_1");
    f.when(new DeciderCommand.UpdateTask(new TaskResult("wf-1", "wf-1_1", "IN_PROGRESS",
        json("{\"progress\": 50}"), null, 30L, "worker-1", null, null)));
    TaskState t = f.task("t1");
    assertEquals(TaskStatus.SCHEDULED, t.status());
    assertEquals(f.now + 30_000, t.visibleAt());
    assertEquals(30, t.callbackAfterSeconds());
    f.lease("wf-1_1").report("wf-1_1", "COMPLETED", "{\"v\": 1}", null);
    TaskState done = f.task("t1");
    assertEquals(50, done.outputData().get("progress").asInt());
    assertEquals(1, done.outputData().get("v").asInt());
    assertEquals(2, done.pollCount());
  }

  @Test
  void aFailureIsRetriedAsANewAttemptAfterTheFixedDelay() {
    TaskDef def = taskDef(2, TaskDef.FIXED, 5, null, null);
    ExecutionFixture f = new ExecutionFixture().start(workflow(null, simple("t1", "{\"k\": 1}", def)), "{}");
    f.lease("wf-1_1").report("wf-1_1", "FAILED", null, "boom");
    TaskState first = f.state.task("wf-1_1").orElseThrow();
    assertEquals(TaskStatus.FAILED, first.status());
    assertTrue(first.retried());
    TaskState second = f.task("t1");
    assertEquals("wf-1_2", second.taskId());
    assertEquals(1, second.retryCount());
    assertEquals("wf-1_1", second.retriedTaskId());
    assertEquals(f.now + 5_000, second.visibleAt());
    assertEquals(json("{\"k\": 1}"), second.inputData());
    assertEquals(WorkflowStatus.RUNNING, f.state.status());
  }

  @Test
  void exhaustedRetriesFailTheWorkflowWithConductorsReason() {
    TaskDef def = taskDef(1, TaskDef.FIXED, 0, null, null);
    ExecutionFixture f = new ExecutionFixture().start(workflow(null, simple("t1", null, def)), "{}");
    f.lease("wf-1_1").report("wf-1_1", "FAILED", null, "first");
    f.lease("wf-1_2").report("wf-1_2", "FAILED", null, "second");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertEquals("Task wf-1_2 failed with status: FAILED and reason: 'second'",
        f.state.reasonForIncompletion());
    assertEquals(List.of("t1"), f.state.failedReferenceTaskNames());
    assertEquals(2, f.state.tasks().size());
  }

  @Test
  void terminalErrorIsNeverRetried() {
    TaskDef def = taskDef(5, TaskDef.FIXED, 0, null, null);
    ExecutionFixture f = new ExecutionFixture().start(workflow(null, simple("t1", null, def)), "{}");
    f.lease("wf-1_1").report("wf-1_1", "FAILED_WITH_TERMINAL_ERROR", null, "bad input");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
    assertEquals(1, f.state.tasks().size());
    assertEquals(TaskStatus.FAILED_WITH_TERMINAL_ERROR, f.task("t1").status());
  }

  @Test
  void anOptionalTaskThatFailsLetsTheWorkflowGoOn() {
    TaskDef none = taskDef(0, TaskDef.FIXED, 0, null, null);
    ExecutionFixture f = new ExecutionFixture().start(
        workflow(null, optional(simple("t1", null, none)), simple("t2", null)), "{}");
    f.lease("wf-1_1").report("wf-1_1", "FAILED", null, "meh");
    assertEquals(TaskStatus.COMPLETED_WITH_ERRORS, f.state.task("wf-1_1").orElseThrow().status());
    assertEquals("t2", f.last().referenceTaskName());
    assertEquals(WorkflowStatus.RUNNING, f.state.status());
  }

  @Test
  void retryCountOnTheWorkflowTaskOverridesTheTaskDefinition() {
    TaskDef def = taskDef(5, TaskDef.FIXED, 0, null, null);
    var wt = simple("t1", null, def);
    var zeroRetries = new io.baton.runtime.definition.WorkflowTask(wt.name(), wt.taskReferenceName(),
        null, "SIMPLE", null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, def, null, null, null, null, null, 0, null, null, null, null);
    ExecutionFixture f = new ExecutionFixture().start(workflow(null, zeroRetries), "{}");
    f.lease("wf-1_1").report("wf-1_1", "FAILED", null, "x");
    assertEquals(WorkflowStatus.FAILED, f.state.status());
  }

  @Test
  void terminateCancelsOpenTasksAndIsIdempotent() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}").lease("wf-1_1");
    f.when(new TerminateWorkflow("operator said so"));
    assertEquals(WorkflowStatus.TERMINATED, f.state.status());
    assertEquals("operator said so", f.state.reasonForIncompletion());
    assertEquals(TaskStatus.CANCELED, f.task("t1").status());
    int events = f.journal.size();
    f.when(new TerminateWorkflow("again"));
    assertNull(f.lastRejection);
    assertEquals(events, f.journal.size());
    f.report("wf-1_1", "COMPLETED", "{}", null);
    assertEquals(events, f.journal.size(), "an update after terminate changes nothing");
    f.lease("wf-1_1");
    assertEquals(Rejection.Kind.CONFLICT, f.lastRejection.kind());
  }

  @Test
  void removeMakesTheExecutionUnknown() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}");
    f.when(new RemoveWorkflow());
    assertTrue(f.state.removed());
    f.report("wf-1_1", "COMPLETED", "{}", null);
    assertEquals(Rejection.Kind.NOT_FOUND, f.lastRejection.kind());
  }

  @Test
  void commandsOnAnUnknownExecutionAreNotFound() {
    ExecutionFixture f = new ExecutionFixture();
    for (DeciderCommand c : List.of(new TerminateWorkflow("x"), new RemoveWorkflow(),
        new AppendTaskLog("wf-1_1", "hi"), new DeciderCommand.LeaseTask("wf-1_1", "w"))) {
      f.when(c);
      assertEquals(Rejection.Kind.NOT_FOUND, f.lastRejection.kind(), c.toString());
    }
    assertTrue(f.journal.isEmpty());
  }

  @Test
  void logsAreKeptPerTask() {
    ExecutionFixture f = new ExecutionFixture().start(THREE, "{}");
    f.when(new AppendTaskLog("wf-1_1", "line one")).when(new AppendTaskLog("wf-1_1", "line two"));
    assertEquals(2, f.state.logs().get("wf-1_1").size());
    assertEquals("line two", f.state.logs().get("wf-1_1").get(1).log());
  }

  @Test
  void aSilentWorkerTimesOutAndTheTaskIsRetried() {
    TaskDef def = new TaskDef("t", null, 1, null, null, null, null, null, 0, 10L, null, null, null,
        null, null, null, null, null, null, null, null, null, null).withDefaults();
    ExecutionFixture f = new ExecutionFixture().start(workflow(null, simple("t1", null, def)), "{}");
    f.lease("wf-1_1");
    assertEquals(f.now + 10_000, Deadlines.next(f.state));
    f.later(9_999).when(new CheckTimeouts());
    assertTrue(f.lastEvents.isEmpty(), "not yet due");
    f.later(1).when(new CheckTimeouts());
    assertEquals(TaskStatus.TIMED_OUT, f.state.task("wf-1_1").orElseThrow().status());
    assertEquals(TaskStatus.SCHEDULED, f.task("t1").status());
    f.lease("wf-1_2").later(10_000).when(new CheckTimeouts());
    assertEquals(WorkflowStatus.TIMED_OUT, f.state.status());
  }
}
