package io.baton.runtime.decider;

import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.WorkflowCompleted;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the definition tree against the execution's tasks: each step either has a task
 * or is started now, and the walk goes on past the steps that are done. Walking is idempotent
 * (nothing changed, nothing emitted), so every decision can end with a walk. Events are applied
 * as they are emitted, so later steps see earlier ones.
 */
final class Walk {
  private static final Map<String, TaskTypeHandler> HANDLERS = new HashMap<>();
  private static final TaskTypeHandler WORKER = new WorkerTaskHandler();

  static {
    register(TaskTypes.DYNAMIC, new DynamicTaskHandler());
    register(TaskTypes.SWITCH, new SwitchHandler());
    register(TaskTypes.DECISION, new SwitchHandler());
    register(TaskTypes.FORK_JOIN, new ForkJoinHandler());
    register(TaskTypes.FORK_JOIN_DYNAMIC, new DynamicForkHandler());
    register(TaskTypes.JOIN, new JoinHandler());
    register(TaskTypes.DO_WHILE, new DoWhileHandler());
    register(TaskTypes.SET_VARIABLE, new SetVariableHandler());
    register(TaskTypes.NOOP, new NoopHandler());
    register(TaskTypes.TERMINATE, new TerminateTaskHandler());
    register(TaskTypes.WAIT, new WaitHandler());
    register(TaskTypes.HUMAN, new HumanHandler());
    register(TaskTypes.INLINE, new InlineHandler());
    register(TaskTypes.JSON_JQ_TRANSFORM, new JqTransformHandler());
    register(TaskTypes.SUB_WORKFLOW, new SubWorkflowHandler());
    register(TaskTypes.START_WORKFLOW, new StartWorkflowHandler());
  }

  private static void register(String type, TaskTypeHandler handler) {
    if (HANDLERS.putIfAbsent(type, handler) != null) throw new IllegalStateException("two handlers for " + type);
  }

  static boolean hasHandler(String type) {
    return HANDLERS.containsKey(type);
  }

  private ExecutionState state;
  private final long now;
  private final List<WorkflowEvent> events = new ArrayList<>();

  private Walk(ExecutionState state, long now) {
    this.state = state;
    this.now = now;
  }

  /** The events that move a running execution forward, completing it when nothing is left. */
  static List<WorkflowEvent> advance(ExecutionState state, long now) {
    if (state.status() != WorkflowStatus.RUNNING) return List.of();
    Walk walk = new Walk(state, now);
    boolean done = walk.walk(state.definition().tasks(), "");
    if (done && walk.running() && walk.state.openTasks().isEmpty()) {
      walk.emit(new WorkflowCompleted(Progression.workflowOutput(walk.state), now));
    }
    return walk.events;
  }

  /** Walks one list of steps; true when every step in it is done. */
  boolean walk(List<WorkflowTask> steps, String suffix) {
    if (steps == null) return true;
    WorkflowTask previous = null;
    for (WorkflowTask wt : steps) {
      if (!running()) return false;
      TaskTypeHandler handler = handlerFor(wt);
      String ref = wt.taskReferenceName() + suffix;
      TaskState task = latest(ref);
      if (task == null) {
        handler.schedule(this, wt, suffix, previous);
        task = latest(ref);
        if (task == null || !running()) return false;
      }
      if (!handler.progress(this, wt, task, suffix)) return false;
      previous = wt;
    }
    return true;
  }

  private static TaskTypeHandler handlerFor(WorkflowTask wt) {
    return HANDLERS.getOrDefault(wt.typeOrSimple(), WORKER);
  }

  ExecutionState state() {
    return state;
  }

  long now() {
    return now;
  }

  boolean running() {
    return state.status() == WorkflowStatus.RUNNING;
  }

  TaskState latest(String ref) {
    return state.latestByRef(ref).orElse(null);
  }

  void emit(WorkflowEvent event) {
    events.add(event);
    state = EventAppliers.apply(state, event);
  }

  void emitAll(List<WorkflowEvent> more) {
    for (WorkflowEvent e : more) emit(e);
  }

  /** A new SCHEDULED attempt of a step, its input resolved against the execution as it is now. */
  TaskState newTask(WorkflowTask wt, String suffix) {
    return TaskFactory.firstAttempt(state, wt, suffix, now);
  }

  /** Creates the step's task already in its final or running status. */
  void start(TaskState task, TaskStatus status, com.fasterxml.jackson.databind.node.ObjectNode output,
      long wakeAt) {
    emit(new WorkflowEvent.TaskScheduled(task.as(status, output, task.iteration(), wakeAt, now), now));
  }

  /**
   * An operator failed on its definition or input: retrying would fail the same way, so the
   * attempt is tolerated (optional) or ends the workflow.
   */
  void fail(TaskState task, String reason) {
    emitAll(UpdateHandler.failure(state, state.task(task.taskId()).orElse(task), TaskStatus.FAILED,
        null, reason, null, List.of(), false, now));
  }

  /** A computation failed (INLINE, JSON_JQ_TRANSFORM): retried as its task definition says. */
  void failRetriable(TaskState task, String reason) {
    emitAll(UpdateHandler.failure(state, state.task(task.taskId()).orElse(task), TaskStatus.FAILED,
        null, reason, null, List.of(), true, now));
  }

  /** Ends a running operator's task successfully with this output. */
  void complete(TaskState task, com.fasterxml.jackson.databind.node.ObjectNode output) {
    emit(new WorkflowEvent.TaskEnded(task.taskId(), TaskStatus.COMPLETED, output, null, null, false, now));
  }
}
