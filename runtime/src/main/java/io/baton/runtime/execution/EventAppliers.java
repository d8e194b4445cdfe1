package io.baton.runtime.execution;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.execution.WorkflowEvent.TaskEnded;
import io.baton.runtime.execution.WorkflowEvent.TaskLeased;
import io.baton.runtime.execution.WorkflowEvent.TaskLogAppended;
import io.baton.runtime.execution.WorkflowEvent.TaskRequeued;
import io.baton.runtime.execution.WorkflowEvent.TaskScheduled;
import io.baton.runtime.execution.WorkflowEvent.WorkflowCompleted;
import io.baton.runtime.execution.WorkflowEvent.WorkflowFailed;
import io.baton.runtime.execution.WorkflowEvent.WorkflowRemoved;
import io.baton.runtime.execution.WorkflowEvent.WorkflowStarted;
import io.baton.runtime.execution.WorkflowEvent.WorkflowTerminated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The only code that changes an execution's state: one applier per event. Processing and recovery
 * both go through {@link #apply}, so replay is apply.
 */
public final class EventAppliers {
  private static final Map<Class<?>, BiFunction<ExecutionState, WorkflowEvent, ExecutionState>>
      APPLIERS = new HashMap<>();

  static {
    register(WorkflowStarted.class, EventAppliers::started);
    register(TaskScheduled.class, EventAppliers::taskScheduled);
    register(TaskLeased.class, EventAppliers::taskLeased);
    register(TaskRequeued.class, EventAppliers::taskRequeued);
    register(TaskEnded.class, EventAppliers::taskEnded);
    register(TaskLogAppended.class, EventAppliers::taskLogged);
    register(WorkflowEvent.VariablesSet.class, (s, e) -> s.withVariables(merge(s.variables(), e.values()), e.time()));
    register(WorkflowEvent.SubWorkflowStarted.class, (s, e) -> {
      TaskState t = s.task(e.taskId()).orElseThrow();
      return s.withTask(t.withSubWorkflow(e.subWorkflowId(), e.time()), e.time());
    });
    register(WorkflowEvent.SubWorkflowResumed.class, (s, e) -> {
      TaskState t = s.task(e.taskId()).orElseThrow();
      return s.withTask(t.withSubWorkflow(e.subWorkflowId(), e.time()), e.time());
    });
    register(WorkflowEvent.LoopIterated.class, (s, e) -> {
      TaskState t = s.task(e.taskId()).orElseThrow();
      return s.withTask(t.nextIteration(e.iteration(), e.output(), e.time()), e.time());
    });
    register(WorkflowEvent.IterationsRemoved.class, (s, e) -> s.withoutTasks(e.removedTaskIds(), e.time()));
    register(WorkflowCompleted.class, (s, e) ->
        s.ended(WorkflowStatus.COMPLETED, e.output(), null, List.of(), e.time()));
    register(WorkflowFailed.class, (s, e) ->
        s.ended(e.status(), e.output(), e.reason(), e.failedReferenceTaskNames(), e.time()));
    register(WorkflowTerminated.class, (s, e) ->
        s.ended(WorkflowStatus.TERMINATED, e.output(), e.reason(), s.failedReferenceTaskNames(), e.time()));
    register(WorkflowRemoved.class, (s, e) -> s.markRemoved(e.time()));
    register(WorkflowEvent.WorkflowPaused.class, (s, e) -> s.withStatus(WorkflowStatus.PAUSED, e.time()));
    register(WorkflowEvent.WorkflowResumed.class, (s, e) -> s.withStatus(WorkflowStatus.RUNNING, e.time()));
    register(WorkflowEvent.WorkflowRetried.class, (s, e) -> s.reopened(e.time()));
    register(WorkflowEvent.WorkflowRestarted.class, EventAppliers::restarted);
    register(WorkflowEvent.WorkflowRerun.class, EventAppliers::rerun);
    register(WorkflowEvent.TaskSkipped.class, (s, e) -> taskScheduled(s, new TaskScheduled(e.task(), e.time())));
    register(WorkflowEvent.CallbacksReset.class, EventAppliers::callbacksReset);
  }

  private EventAppliers() {}

  @SuppressWarnings("unchecked")
  private static <E extends WorkflowEvent> void register(Class<E> type,
      BiFunction<ExecutionState, E, ExecutionState> applier) {
    if (APPLIERS.putIfAbsent(type, (s, e) -> applier.apply(s, (E) e)) != null) {
      throw new IllegalStateException("two appliers for " + type.getSimpleName());
    }
  }

  public static boolean hasApplier(Class<?> eventType) {
    return APPLIERS.containsKey(eventType);
  }

  public static ExecutionState apply(ExecutionState state, WorkflowEvent event) {
    var applier = APPLIERS.get(event.getClass());
    if (applier == null) throw new IllegalStateException("no applier for " + event.getClass());
    return applier.apply(state, event);
  }

  public static ExecutionState applyAll(ExecutionState state, List<? extends WorkflowEvent> events) {
    ExecutionState s = state;
    for (WorkflowEvent e : events) s = apply(s, e);
    return s;
  }

  private static ExecutionState started(ExecutionState s, WorkflowStarted e) {
    ObjectNode variables = e.definition().variables() == null
        ? JsonNodeFactory.instance.objectNode() : e.definition().variables().deepCopy();
    return new ExecutionState(e.workflowId(), e.definition(), WorkflowStatus.RUNNING, e.input(),
        JsonNodeFactory.instance.objectNode(), variables, List.of(), Map.of(), e.correlationId(),
        e.priority(), e.taskToDomain() == null ? Map.of() : e.taskToDomain(), e.time(), 0,
        e.time(), null, List.of(), e.parentWorkflowId(), e.parentWorkflowTaskId(), 0, false);
  }

  private static ExecutionState restarted(ExecutionState s, WorkflowEvent.WorkflowRestarted e) {
    ObjectNode variables = e.definition().variables() == null
        ? JsonNodeFactory.instance.objectNode() : e.definition().variables().deepCopy();
    return new ExecutionState(s.workflowId(), e.definition(), WorkflowStatus.RUNNING, s.input(),
        JsonNodeFactory.instance.objectNode(), variables, List.of(), Map.of(), s.correlationId(),
        s.priority(), s.taskToDomain(), s.createTime(), 0, e.time(), null, List.of(),
        s.parentWorkflowId(), s.parentWorkflowTaskId(), s.taskCounter(), false);
  }

  private static ExecutionState rerun(ExecutionState s, WorkflowEvent.WorkflowRerun e) {
    ExecutionState open = s.reopened(e.time());
    if (e.workflowInput() != null) open = open.withInput(e.workflowInput());
    if (e.fromTaskId() == null) {
      return open.withTasks(List.of(), s.taskCounter(), e.time()).withOutput(JsonNodeFactory.instance.objectNode());
    }
    TaskState from = s.task(e.fromTaskId()).orElseThrow();
    List<TaskState> kept = new ArrayList<>();
    for (TaskState t : s.tasks()) {
      if (t.seq() < from.seq()) kept.add(t);
    }
    kept.add(from.rescheduled(e.taskInput(), e.time()));
    return open.withTasks(List.copyOf(kept), s.taskCounter(), e.time());
  }

  private static ExecutionState callbacksReset(ExecutionState s, WorkflowEvent.CallbacksReset e) {
    List<TaskState> tasks = new ArrayList<>(s.tasks().size());
    for (TaskState t : s.tasks()) {
      tasks.add(t.status() == TaskStatus.SCHEDULED && t.workerTask() && t.visibleAt() > e.time()
          ? t.dueAt(e.time()) : t);
    }
    return s.withTasks(List.copyOf(tasks), s.taskCounter(), e.time());
  }

  private static ExecutionState taskScheduled(ExecutionState s, TaskScheduled e) {
    List<TaskState> tasks = new ArrayList<>(s.tasks().size() + 1);
    tasks.addAll(s.tasks());
    tasks.add(e.task());
    return s.withTasks(List.copyOf(tasks), s.taskCounter() + 1, e.time());
  }

  private static ExecutionState taskLeased(ExecutionState s, TaskLeased e) {
    TaskState t = s.task(e.taskId()).orElseThrow();
    return s.withTask(t.leased(e.workerId(), e.time()), e.time());
  }

  private static ExecutionState taskRequeued(ExecutionState s, TaskRequeued e) {
    TaskState t = s.task(e.taskId()).orElseThrow();
    return s.withTask(t.requeued(merge(t.outputData(), e.outputData()), e.callbackAfterSeconds(),
        e.workerId(), e.time()), e.time());
  }

  /**
   * A worker's outputs accumulate (IN_PROGRESS updates, then the final one); an operator reports
   * its whole output when it ends.
   */
  private static ExecutionState taskEnded(ExecutionState s, TaskEnded e) {
    TaskState t = s.task(e.taskId()).orElseThrow();
    ObjectNode output = t.workerTask() || e.outputData() == null
        ? merge(t.outputData(), e.outputData()) : e.outputData();
    return s.withTask(t.ended(e.status(), output, e.reason(), e.workerId(), e.retried(), e.time()), e.time());
  }

  private static ExecutionState taskLogged(ExecutionState s, TaskLogAppended e) {
    Map<String, List<TaskLog>> logs = new LinkedHashMap<>(s.logs());
    List<TaskLog> lines = new ArrayList<>(logs.getOrDefault(e.taskId(), List.of()));
    lines.add(new TaskLog(e.taskId(), e.log(), e.time()));
    logs.put(e.taskId(), List.copyOf(lines));
    return s.withLogs(logs);
  }

  /** Later output keys win; earlier ones (from IN_PROGRESS updates) are kept. */
  private static ObjectNode merge(ObjectNode before, ObjectNode after) {
    if (after == null) return before;
    if (before == null || before.isEmpty()) return after;
    ObjectNode merged = before.deepCopy();
    merged.setAll(after);
    return merged;
  }
}
