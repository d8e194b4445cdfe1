package io.baton.runtime.decider;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.baton.runtime.decider.DeciderCommand.LeaseTask;
import io.baton.runtime.decider.DeciderCommand.StartWorkflow;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.WorkflowEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the pure decider the way the entity does (decide, then apply the events), and keeps
 * every event so tests can assert on what a step decided.
 */
final class ExecutionFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  final Decider decider = new Decider();
  ExecutionState state = ExecutionState.empty("wf-1");
  final List<WorkflowEvent> journal = new ArrayList<>();
  List<WorkflowEvent> lastEvents = List.of();
  Rejection lastRejection;
  long now = 1_000_000L;

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static WorkflowTask simple(String ref, String inputJson) {
    return simple(ref, inputJson, null);
  }

  static WorkflowTask simple(String ref, String inputJson, TaskDef def) {
    return new WorkflowTask("task_" + ref, ref, null, "SIMPLE", inputJson == null ? null : json(inputJson),
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        def, null, null, null, null, null, null, null, null, null, null);
  }

  static WorkflowTask optional(WorkflowTask t) {
    return new WorkflowTask(t.name(), t.taskReferenceName(), null, t.type(), t.inputParameters(),
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, true,
        t.taskDefinition(), null, null, null, null, null, null, null, null, null, null);
  }

  static TaskDef taskDef(int retries, String logic, int delaySeconds, Integer scale, Integer max) {
    return new TaskDef("t", null, retries, null, null, null, null, logic, delaySeconds, 60L, null,
        null, null, null, null, null, scale, max, null, null, null, null, null).withDefaults();
  }

  static WorkflowDef workflow(String outputJson, WorkflowTask... tasks) {
    return new WorkflowDef("wf", null, 1, List.of(tasks), null,
        outputJson == null ? null : json(outputJson), null, null, null, null, null, null, null,
        null, null, null, null, null).withDefaults();
  }

  ExecutionFixture start(WorkflowDef def, String inputJson) {
    return when(new StartWorkflow(def, json(inputJson), "corr-1", 5, Map.of(), null, null));
  }

  ExecutionFixture when(DeciderCommand command) {
    Decision d = decider.decide(state, command, now);
    lastRejection = d.rejection();
    lastEvents = d.events();
    journal.addAll(d.events());
    state = EventAppliers.applyAll(state, d.events());
    return this;
  }

  ExecutionFixture lease(String taskId) {
    return when(new LeaseTask(taskId, "worker-1"));
  }

  ExecutionFixture report(String taskId, String status, String outputJson, String reason) {
    return when(new UpdateTask(new TaskResult("wf-1", taskId, status,
        outputJson == null ? null : json(outputJson), reason, null, "worker-1", null, null)));
  }

  static WorkflowDef parse(String json) {
    try {
      return JSON.readValue(json, WorkflowDef.class).withDefaults();
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** A worker polls the latest task with this reference and completes it with this output. */
  ExecutionFixture complete(String ref, String outputJson) {
    TaskState t = task(ref);
    return lease(t.taskId()).report(t.taskId(), "COMPLETED", outputJson, null);
  }

  ExecutionFixture tick() {
    return when(new DeciderCommand.CheckTimeouts());
  }

  java.util.List<String> refs() {
    return state.tasks().stream().map(TaskState::referenceTaskName).toList();
  }

  ExecutionFixture later(long millis) {
    now += millis;
    return this;
  }

  TaskState last() {
    assertFalse(state.tasks().isEmpty(), "no task scheduled");
    return state.tasks().get(state.tasks().size() - 1);
  }

  /** The state a recovery would rebuild: every event written in CBOR, read back and applied. */
  ExecutionState replayedFromJournal() throws IOException {
    CBORMapper cbor = new CBORMapper();
    ExecutionState replayed = ExecutionState.empty(state.workflowId());
    for (WorkflowEvent event : journal) {
      replayed = EventAppliers.apply(replayed, cbor.readValue(cbor.writeValueAsBytes(event), event.getClass()));
    }
    return replayed;
  }

  TaskState task(String ref) {
    return state.latestByRef(ref).orElseThrow();
  }
}
