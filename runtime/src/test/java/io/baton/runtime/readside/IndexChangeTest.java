package io.baton.runtime.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowDef;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

/** How a group of status events folds into one change per execution. */
class IndexChangeTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aStartAndItsEndInOneGroupAreOneWholeRow() {
    List<IndexChange> changes = IndexChange.fold(List.of(
        envelope("a", started("a", 1, "corr", 100)),
        envelope("a", new WorkflowEvent.WorkflowCompleted(empty(), 150))));
    assertEquals(1, changes.size());
    IndexChange a = changes.get(0);
    assertEquals("a", a.workflowId());
    assertEquals("COMPLETED", a.status());
    assertTrue(a.endTimeChanged());
    assertEquals(150L, a.endTime());
    assertEquals(150, a.updateTime());
    assertEquals(100, a.started().time());
    assertEquals(1, a.startedVersion());
    assertFalse(a.removed());
  }

  @Test
  void executionsKeepTheOrderTheyWereFirstSeenIn() {
    List<IndexChange> changes = IndexChange.fold(List.of(
        envelope("b", started("b", 1, null, 1)),
        envelope("a", started("a", 1, null, 2)),
        envelope("b", new WorkflowEvent.WorkflowPaused(3))));
    assertEquals(List.of("b", "a"), changes.stream().map(IndexChange::workflowId).toList());
    assertEquals("PAUSED", changes.get(0).status());
    assertEquals(3, changes.get(0).updateTime());
  }

  @Test
  void pauseAndResumeLeaveTheEndTimeAlone() {
    IndexChange c = IndexChange.fold(List.of(envelope("a", new WorkflowEvent.WorkflowPaused(5)),
        envelope("a", new WorkflowEvent.WorkflowResumed(6)))).get(0);
    assertNull(c.started());
    assertEquals("RUNNING", c.status());
    assertFalse(c.endTimeChanged());
    assertEquals(6, c.updateTime());
  }

  @Test
  void anEndThenARetryClearsTheEndTimeAgain() {
    IndexChange c = IndexChange.fold(List.of(
        envelope("a", new WorkflowEvent.WorkflowFailed(WorkflowStatus.FAILED, "boom", List.of(), empty(), null, 7)),
        envelope("a", new WorkflowEvent.WorkflowRetried(8)))).get(0);
    assertEquals("RUNNING", c.status());
    assertTrue(c.endTimeChanged());
    assertNull(c.endTime());
  }

  @Test
  void failuresKeepTheirStatusAndTerminationsSayTerminated() {
    assertEquals("TIMED_OUT", IndexChange.fold(List.of(envelope("a",
        new WorkflowEvent.WorkflowFailed(WorkflowStatus.TIMED_OUT, "late", List.of(), empty(), null, 7)))).get(0).status());
    assertEquals("TERMINATED", IndexChange.fold(List.of(envelope("a",
        new WorkflowEvent.WorkflowTerminated("stop", empty(), 7)))).get(0).status());
  }

  @Test
  void aRestartWithAnotherDefinitionChangesTheVersion() {
    IndexChange c = IndexChange.fold(List.of(
        envelope("a", new WorkflowEvent.WorkflowRestarted(definition(3), 9)))).get(0);
    assertEquals(3, c.version());
    assertEquals("RUNNING", c.status());
    assertTrue(c.endTimeChanged());
    IndexChange startedThenRestarted = IndexChange.fold(List.of(envelope("a", started("a", 1, null, 1)),
        envelope("a", new WorkflowEvent.WorkflowRestarted(definition(4), 9)))).get(0);
    assertEquals(4, startedThenRestarted.startedVersion());
  }

  @Test
  void aRemovalWinsOverWhatCameBeforeIt() {
    IndexChange c = IndexChange.fold(List.of(envelope("a", started("a", 1, null, 1)),
        envelope("a", new WorkflowEvent.WorkflowTerminated("stop", empty(), 2)),
        envelope("a", new WorkflowEvent.WorkflowRemoved(3)))).get(0);
    assertTrue(c.removed());
    assertNull(c.started());
  }

  @Test
  void otherEventsChangeNothing() {
    IndexChange before = IndexChange.fold(List.of(envelope("a", new WorkflowEvent.WorkflowPaused(5)))).get(0);
    assertSame(before, before.then(new WorkflowEvent.TaskEnded("t", TaskStatus.COMPLETED, empty(), null, null, false, 6)));
  }

  @Test
  void thePersistenceIdsPrefixIsNotPartOfTheId() {
    assertEquals("abc", IndexChange.workflowId("WorkflowExecution|abc"));
    assertEquals("abc", IndexChange.workflowId("abc"));
  }

  static EventEnvelope<WorkflowEvent> envelope(String id, WorkflowEvent event) {
    return EventEnvelope.create(new Sequence(event.time()), "WorkflowExecution|" + id, 1, event, event.time());
  }

  static WorkflowEvent.WorkflowStarted started(String id, int version, String correlationId, long time) {
    return new WorkflowEvent.WorkflowStarted(id, definition(version), empty(), correlationId, 5, Map.of(), null,
        null, time);
  }

  static WorkflowDef definition(int version) {
    try {
      return JSON.readValue("{\"name\":\"wf\",\"version\":" + version + ",\"tasks\":[]}", WorkflowDef.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode empty() {
    return JSON.createObjectNode();
  }
}
