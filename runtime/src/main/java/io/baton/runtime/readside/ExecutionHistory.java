package io.baton.runtime.readside;

import io.baton.runtime.Replies;
import io.baton.runtime.entity.WorkflowExecution;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * What happened to an execution, in order, read from its journal. The events are replayed as
 * they are read (replay is apply), so each entry can say which task and attempt it concerns and
 * who caused it. The journal is append-only: nothing here can be edited.
 */
public final class ExecutionHistory {
  private static final String READ_JOURNAL = "jdbc-read-journal";

  /** One event: {@code causedBy} is worker, operator, timer, decider or client; {@code actor} names who, when known. */
  public record Entry(long sequenceNr, long time, String event, String taskId, String taskReferenceName,
      Integer attempt, String causedBy, String actor, WorkflowEvent details) {
    Entry withCausedBy(String cause) {
      return new Entry(sequenceNr, time, event, taskId, taskReferenceName, attempt, cause, actor, details);
    }
  }

  /** The events that end an execution, which the decider writes right after cancelling its open tasks. */
  private static final Set<String> WORKFLOW_ENDS =
      Set.of("WorkflowTerminated", "WorkflowRemoved", "WorkflowFailed", "WorkflowCompleted");

  private ExecutionHistory() {}

  /** An event as the journal holds it, with its sequence number. */
  public record Recorded(long sequenceNr, WorkflowEvent event) {}

  public static CompletionStage<List<Entry>> read(ActorSystem<?> system, String workflowId) {
    CurrentEventsByPersistenceIdQuery journal = PersistenceQuery.get(system)
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, READ_JOURNAL);
    String persistenceId = PersistenceId.of(WorkflowExecution.TYPE_KEY.name(), workflowId).id();
    // A long journal's replay runs off the dispatcher that runs actors.
    return Replies.on(system.dispatchers().lookup(DispatcherSelector.blocking()), journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
            .filter(envelope -> envelope.event() instanceof WorkflowEvent)
            .map(envelope -> new Recorded(envelope.sequenceNr(), (WorkflowEvent) envelope.event()))
            .runWith(Sink.seq(), system))
        .thenApply(recorded -> replay(workflowId, recorded));
  }

  /** The history of these events of one execution, in the journal's order. */
  public static List<Entry> replay(String workflowId, List<Recorded> events) {
    List<Entry> entries = new ArrayList<>(events.size());
    ExecutionState state = ExecutionState.empty(workflowId);
    for (Recorded recorded : events) {
      ExecutionState after = EventAppliers.apply(state, recorded.event());
      entries.add(entry(recorded.sequenceNr(), recorded.event(), state, after));
      state = after;
    }
    return withCancellationsByTheirCause(entries);
  }

  /**
   * A task is CANCELED only because its execution ends, in the same decision as the end, which
   * follows the cancellations: the cancellation is caused by whoever ended the execution (an
   * operator's terminate, the workflow timer, the decider).
   */
  private static List<Entry> withCancellationsByTheirCause(List<Entry> entries) {
    List<Entry> attributed = new ArrayList<>(entries);
    Entry end = null;
    for (int i = attributed.size() - 1; i >= 0; i--) {
      Entry entry = attributed.get(i);
      if (isCancellation(entry)) {
        if (end != null && end.time() == entry.time()) attributed.set(i, entry.withCausedBy(end.causedBy()));
      } else {
        end = WORKFLOW_ENDS.contains(entry.event()) ? entry : null;
      }
    }
    return attributed;
  }

  private static boolean isCancellation(Entry entry) {
    return entry.details() instanceof WorkflowEvent.TaskEnded ended && ended.status() == TaskStatus.CANCELED;
  }

  private static Entry entry(long seq, WorkflowEvent e, ExecutionState before, ExecutionState after) {
    String taskId = taskIdOf(e);
    TaskState task = taskId == null ? null : after.task(taskId).or(() -> before.task(taskId)).orElse(null);
    String ref = task == null ? null : task.referenceTaskName();
    Integer attempt = task == null ? null : task.retryCount();
    String type = e.getClass().getSimpleName();
    return switch (type) {
      case "WorkflowStarted" -> new Entry(seq, e.time(), type, null, null, null,
          after.parentWorkflowId() == null ? "client" : "parent", after.parentWorkflowId(), e);
      case "TaskLeased" -> new Entry(seq, e.time(), type, taskId, ref, attempt, "worker",
          ((WorkflowEvent.TaskLeased) e).workerId(), e);
      case "TaskRequeued" -> requeued((WorkflowEvent.TaskRequeued) e, seq, taskId, ref, attempt);
      case "TaskLogAppended" -> new Entry(seq, e.time(), type, taskId, ref, attempt, "worker", null, e);
      case "TaskEnded" -> ended((WorkflowEvent.TaskEnded) e, seq, taskId, ref, attempt, before);
      case "WorkflowTerminated" -> new Entry(seq, e.time(), type, null, null, null, "operator",
          ((WorkflowEvent.WorkflowTerminated) e).reason(), e);
      case "WorkflowPaused", "WorkflowResumed", "WorkflowRetried", "WorkflowRestarted", "WorkflowRerun",
          "TaskSkipped", "CallbacksReset", "WorkflowRemoved" -> new Entry(seq, e.time(), type, taskId, ref, attempt,
          "operator", null, e);
      case "WorkflowFailed" -> new Entry(seq, e.time(), type, null, null, null,
          ((WorkflowEvent.WorkflowFailed) e).status().name().equals("TIMED_OUT") ? "timer" : "decider", null, e);
      default -> new Entry(seq, e.time(), type, taskId, ref, attempt, "decider", null, e);
    };
  }

  private static Entry requeued(WorkflowEvent.TaskRequeued e, long seq, String taskId, String ref, Integer attempt) {
    return e.leaseExpired()
        ? new Entry(seq, e.time(), "TaskRequeued", taskId, ref, attempt, "timer", null, e)
        : new Entry(seq, e.time(), "TaskRequeued", taskId, ref, attempt, "worker", e.workerId(), e);
  }

  private static Entry ended(WorkflowEvent.TaskEnded e, long seq, String taskId, String ref, Integer attempt,
      ExecutionState before) {
    String type = "TaskEnded";
    if (e.status() == TaskStatus.TIMED_OUT) return new Entry(seq, e.time(), type, taskId, ref, attempt, "timer", null, e);
    if (e.workerId() != null) return new Entry(seq, e.time(), type, taskId, ref, attempt, "worker", e.workerId(), e);
    if (e.status() == TaskStatus.CANCELED) return new Entry(seq, e.time(), type, taskId, ref, attempt, "decider", null, e);
    TaskState t = before.task(taskId).orElse(null);
    String by = t != null && t.workerTask() ? "worker" : "decider";
    return new Entry(seq, e.time(), type, taskId, ref, attempt, by, t == null ? null : t.workerId(), e);
  }

  private static String taskIdOf(WorkflowEvent e) {
    if (e instanceof WorkflowEvent.TaskScheduled s) return s.task().taskId();
    if (e instanceof WorkflowEvent.TaskSkipped s) return s.task().taskId();
    if (e instanceof WorkflowEvent.TaskLeased l) return l.taskId();
    if (e instanceof WorkflowEvent.TaskRequeued r) return r.taskId();
    if (e instanceof WorkflowEvent.TaskEnded x) return x.taskId();
    if (e instanceof WorkflowEvent.TaskLogAppended l) return l.taskId();
    if (e instanceof WorkflowEvent.VariablesSet v) return v.taskId();
    if (e instanceof WorkflowEvent.LoopIterated l) return l.taskId();
    if (e instanceof WorkflowEvent.IterationsRemoved r) return r.taskId();
    if (e instanceof WorkflowEvent.SubWorkflowStarted s) return s.taskId();
    if (e instanceof WorkflowEvent.WorkflowRerun r) return r.fromTaskId();
    return null;
  }
}
