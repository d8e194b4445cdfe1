package io.baton.runtime.readside;

import io.baton.runtime.execution.WorkflowEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * What a group of status events does to one execution's row in {@code baton_workflow}: the
 * events of a group folded, in order, into the row's final values, so that a group costs a few
 * batched statements instead of one or two per event. Pure: no I/O.
 *
 * @param workflowId the row's key
 * @param started the start's values when the group starts (or starts again) the execution; the
 *     row is then written whole
 * @param version the definition's version when a restart changed it, else null
 * @param status the final status, or null when no event of the group changed it
 * @param endTimeChanged whether {@code endTime} is to be written (an end sets it, a start,
 *     retry, restart or rerun clears it; pause and resume leave it)
 * @param endTime the end time to write, or null to clear it
 * @param updateTime the time of the group's last event
 * @param removed whether the row is to be deleted
 */
record IndexChange(String workflowId, WorkflowEvent.WorkflowStarted started, Integer version, String status,
    boolean endTimeChanged, Long endTime, long updateTime, boolean removed) {

  /** The changes of a group, one per execution, in the order each was first seen. */
  static List<IndexChange> fold(List<EventEnvelope<WorkflowEvent>> envelopes) {
    Map<String, IndexChange> changes = new LinkedHashMap<>();
    for (EventEnvelope<WorkflowEvent> envelope : envelopes) {
      String id = workflowId(envelope.persistenceId());
      IndexChange before = changes.getOrDefault(id, none(id));
      changes.put(id, before.then(envelope.event()));
    }
    return List.copyOf(changes.values());
  }

  static String workflowId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    return bar < 0 ? persistenceId : persistenceId.substring(bar + 1);
  }

  private static IndexChange none(String id) {
    return new IndexChange(id, null, null, null, false, null, 0, false);
  }

  /** This change followed by one more event. */
  IndexChange then(WorkflowEvent event) {
    long time = event.time();
    if (event instanceof WorkflowEvent.WorkflowStarted s) {
      return new IndexChange(workflowId, s, null, "RUNNING", true, null, time, false);
    } else if (event instanceof WorkflowEvent.WorkflowCompleted) {
      return ended("COMPLETED", time);
    } else if (event instanceof WorkflowEvent.WorkflowFailed f) {
      return ended(f.status().name(), time);
    } else if (event instanceof WorkflowEvent.WorkflowTerminated) {
      return ended("TERMINATED", time);
    } else if (event instanceof WorkflowEvent.WorkflowPaused) {
      return new IndexChange(workflowId, started, version, "PAUSED", endTimeChanged, endTime, time, removed);
    } else if (event instanceof WorkflowEvent.WorkflowResumed) {
      return new IndexChange(workflowId, started, version, "RUNNING", endTimeChanged, endTime, time, removed);
    } else if (event instanceof WorkflowEvent.WorkflowRestarted r) {
      return new IndexChange(workflowId, started, r.definition().versionOrDefault(), "RUNNING", true, null, time,
          removed);
    } else if (event instanceof WorkflowEvent.WorkflowRetried || event instanceof WorkflowEvent.WorkflowRerun) {
      return new IndexChange(workflowId, started, version, "RUNNING", true, null, time, removed);
    } else if (event instanceof WorkflowEvent.WorkflowRemoved) {
      return new IndexChange(workflowId, null, null, null, false, null, time, true);
    }
    return this;
  }

  private IndexChange ended(String endStatus, long time) {
    return new IndexChange(workflowId, started, version, endStatus, true, time, time, removed);
  }

  /** The version the row ends with when the group wrote the whole row. */
  int startedVersion() {
    return version != null ? version : started.definition().versionOrDefault();
  }
}
