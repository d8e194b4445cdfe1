package io.baton.runtime.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.baton.runtime.decider.Decider;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.DeciderCommand.StartWorkflow;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.decider.Decision;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.definition.WorkflowTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every event can be applied and survives the journal's CBOR round trip; replay is apply. */
class EventContractTest {
  private static final ObjectMapper CBOR = new CBORMapper();

  @Test
  void everyEventHasAnApplier() {
    for (Class<?> type : WorkflowEvent.class.getPermittedSubclasses()) {
      assertTrue(EventAppliers.hasApplier(type), type.getSimpleName() + " has no applier");
    }
  }

  @Test
  void everyCommandHasAHandler() {
    Decider decider = new Decider();
    for (Class<?> type : DeciderCommand.class.getPermittedSubclasses()) {
      assertTrue(decider.handles(type), type.getSimpleName() + " has no handler");
    }
  }

  @Test
  void replayingTheSerializedJournalGivesTheSameStateByteForByte() throws Exception {
    Decider decider = new Decider();
    WorkflowDef def = new ObjectMapper().readValue("""
        {"name":"wf","version":1,"tasks":[
          {"name":"a","taskReferenceName":"a","type":"SIMPLE","inputParameters":{"x":"${workflow.input.x}"},"custom":1},
          {"name":"b","taskReferenceName":"b","inputParameters":{"y":"${a.output.y}"}}],
         "outputParameters":{"z":"${b.output.z}"},"ownerTeam":"kept"}""", WorkflowDef.class).withDefaults();
    ExecutionState state = ExecutionState.empty("wf-9");
    List<WorkflowEvent> journal = new ArrayList<>();
    long now = 5_000;
    List<DeciderCommand> commands = List.of(
        new StartWorkflow(def, (com.fasterxml.jackson.databind.node.ObjectNode)
            new ObjectMapper().readTree("{\"x\":[1,{\"k\":null}]}"), "c", 3, Map.of("a", "blue"), null, null),
        new DeciderCommand.LeaseTask("wf-9_1", "w1"),
        new DeciderCommand.AppendTaskLog("wf-9_1", "working"),
        new UpdateTask(new TaskResult("wf-9", "wf-9_1", "COMPLETED",
            (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree("{\"y\":2.5}"),
            null, null, "w1", null, null)),
        new DeciderCommand.LeaseTask("wf-9_2", "w2"),
        new UpdateTask(new TaskResult("wf-9", "wf-9_2", "COMPLETED",
            (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree("{\"z\":\"done\"}"),
            null, null, "w2", null, null)));
    for (DeciderCommand c : commands) {
      Decision d = decider.decide(state, c, now += 10);
      journal.addAll(d.events());
      state = EventAppliers.applyAll(state, d.events());
    }
    assertEquals(WorkflowStatus.COMPLETED, state.status());

    ExecutionState replayed = ExecutionState.empty("wf-9");
    for (WorkflowEvent e : journal) {
      WorkflowEvent copy = CBOR.readValue(CBOR.writeValueAsBytes(e), e.getClass());
      assertArrayEquals(CBOR.writeValueAsBytes(e), CBOR.writeValueAsBytes(copy), "round trip of " + e);
      replayed = EventAppliers.apply(replayed, copy);
    }
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.writeValueAsString(state), json.writeValueAsString(replayed));
    assertEquals("kept", replayed.definition().extra().get("ownerTeam"));
    WorkflowTask a = replayed.definition().tasks().get(0);
    assertEquals(1, a.extra().get("custom"));
  }

  /**
   * Snapshots must not depend on the JVM that wrote them: task logs keep the order in which tasks
   * first logged (a hash-ordered map would list 20 keys in this order only by chance).
   */
  @Test
  void taskLogsKeepTheirOrderInTheStateThroughLoggingAndRemoval() throws Exception {
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 20; i++) order.add("wf-9_" + ((i * 7) % 20 + 1));
    ExecutionState state = ExecutionState.empty("wf-9");
    long now = 1_000;
    for (String taskId : order) {
      state = EventAppliers.apply(state, new WorkflowEvent.TaskLogAppended(taskId, "first", now++));
    }
    for (String taskId : order) {
      state = EventAppliers.apply(state, new WorkflowEvent.TaskLogAppended(taskId, "second", now++));
    }
    assertEquals(order, fieldNames(state));
    state = EventAppliers.apply(state, new WorkflowEvent.IterationsRemoved("wf-9_99", List.of(order.get(3)), now));
    List<String> kept = new ArrayList<>(order);
    kept.remove(3);
    assertEquals(kept, fieldNames(state));
  }

  private static List<String> fieldNames(ExecutionState state) {
    List<String> names = new ArrayList<>();
    new ObjectMapper().valueToTree(state).get("logs").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aRequeueJournalledBeforeLeaseExpiredExistedReadsAsAWorkersRequeue() throws Exception {
    WorkflowEvent.TaskRequeued now = new WorkflowEvent.TaskRequeued("wf-9_1",
        (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree("{\"p\":1}"), 30, "w1", true, 77);
    com.fasterxml.jackson.databind.node.ObjectNode written = CBOR.valueToTree(now);
    written.remove("leaseExpired");

    WorkflowEvent.TaskRequeued old = CBOR.readValue(CBOR.writeValueAsBytes(written), WorkflowEvent.TaskRequeued.class);

    assertEquals(new WorkflowEvent.TaskRequeued(now.taskId(), now.outputData(), 30, "w1", false, 77), old);
  }
}
