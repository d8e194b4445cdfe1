package io.baton.runtime.entity;

import io.baton.persistence.NewPersistenceIds;
import io.baton.runtime.decider.Deadlines;
import io.baton.runtime.decider.Decider;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.Decision;
import io.baton.runtime.decider.Rejection;
import io.baton.runtime.entity.ExecutionCommand.Decide;
import io.baton.runtime.entity.ExecutionCommand.GetExecution;
import io.baton.runtime.entity.ExecutionCommand.GetTask;
import io.baton.runtime.entity.ExecutionCommand.Asleep;
import io.baton.runtime.entity.ExecutionCommand.Idle;
import io.baton.runtime.entity.ExecutionCommand.Tick;
import io.baton.runtime.entity.ExecutionCommand.Wake;
import io.baton.runtime.entity.ExecutionReply.Accepted;
import io.baton.runtime.entity.ExecutionReply.Execution;
import io.baton.runtime.entity.ExecutionReply.Leased;
import io.baton.runtime.entity.ExecutionReply.Rejected;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.execution.EventAppliers;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One workflow execution: a persistent, sharded entity. It asks the pure {@link Decider}, persists
 * the decision's events in one write, then acts (offers tasks, arms its timer, answers). Nothing
 * leaves before the events that cause it are in the journal.
 */
public final class WorkflowExecution
    extends EventSourcedBehavior<ExecutionCommand, WorkflowEvent, ExecutionState> {

  public static final EntityTypeKey<ExecutionCommand> TYPE_KEY =
      EntityTypeKey.create(ExecutionCommand.class, "WorkflowExecution");
  private static final Duration IDLE_AFTER = Duration.ofSeconds(30);
  private static final Decider DECIDER = new Decider();

  private final String workflowId;
  /** Made up by this node's start just now: there is no snapshot to look for (NewPersistenceIds). */
  private final boolean brandNew;
  private final ActorContext<ExecutionCommand> context;
  private final TimerScheduler<ExecutionCommand> timers;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final TaskDispatcher dispatcher;
  private final ChildWorkflows children;
  private final io.baton.runtime.timers.Wakeups wakeups;
  private final Clock clock;

  public static ActorRef<ShardingEnvelope<ExecutionCommand>> init(ActorSystem<?> system,
      TaskDispatcher dispatcher, io.baton.runtime.timers.Wakeups wakeups, Clock clock) {
    Duration idleAfter = system.settings().config().hasPath("baton.execution.idle-timeout")
        ? system.settings().config().getDuration("baton.execution.idle-timeout") : IDLE_AFTER;
    // Remembered: after a crash or a rebalance, running executions start again by themselves and
    // re-offer their tasks and re-arm their deadlines (invariant 2).
    ClusterShardingSettings settings = ClusterShardingSettings.create(system).withRememberEntities(true);
    ChildWorkflows children = new ShardedChildWorkflows(system);
    return ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx ->
        create(ctx.getEntityId(), ctx.getShard(), dispatcher, children, wakeups, idleAfter, clock))
        .withSettings(settings));
  }

  public static Behavior<ExecutionCommand> create(String workflowId,
      ActorRef<ClusterSharding.ShardCommand> shard, TaskDispatcher dispatcher,
      ChildWorkflows children, io.baton.runtime.timers.Wakeups wakeups, Duration idleAfter, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.setReceiveTimeout(idleAfter, new Idle());
      return new WorkflowExecution(workflowId, ctx, timers, shard, dispatcher, children, wakeups, clock);
    }));
  }

  public static PersistenceId persistenceId(String workflowId) {
    return PersistenceId.of(TYPE_KEY.name(), workflowId);
  }

  private WorkflowExecution(String workflowId, ActorContext<ExecutionCommand> context,
      TimerScheduler<ExecutionCommand> timers, ActorRef<ClusterSharding.ShardCommand> shard,
      TaskDispatcher dispatcher, ChildWorkflows children, io.baton.runtime.timers.Wakeups wakeups,
      Clock clock) {
    super(persistenceId(workflowId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.workflowId = workflowId;
    this.brandNew = NewPersistenceIds.get(context.getSystem()).isNew(persistenceId().id());
    this.context = context;
    this.timers = timers;
    this.shard = shard;
    this.dispatcher = dispatcher;
    this.children = children;
    this.wakeups = wakeups;
    this.clock = clock;
  }

  @Override
  public ExecutionState emptyState() {
    return ExecutionState.empty(workflowId);
  }

  /** Status changes feed the read side (running, correlated, search); task events do not. */
  public static final String INDEX_TAG = "workflow-index";

  @Override
  public java.util.Set<String> tagsFor(WorkflowEvent event) {
    return event instanceof WorkflowEvent.WorkflowStarted
        || event instanceof WorkflowEvent.WorkflowPaused
        || event instanceof WorkflowEvent.WorkflowResumed
        || event instanceof WorkflowEvent.WorkflowRetried
        || event instanceof WorkflowEvent.WorkflowRestarted
        || event instanceof WorkflowEvent.WorkflowRerun
        || event instanceof WorkflowEvent.WorkflowCompleted
        || event instanceof WorkflowEvent.WorkflowFailed
        || event instanceof WorkflowEvent.WorkflowTerminated
        || event instanceof WorkflowEvent.WorkflowRemoved
        ? java.util.Set.of(INDEX_TAG) : java.util.Set.of();
  }

  /**
   * A brand-new execution asks the snapshot store for nothing. Still correct if it restarts
   * later in this incarnation: events are never deleted, so replay from the first one is whole.
   */
  @Override
  public Recovery recovery() {
    return brandNew ? Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none()) : super.recovery();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }

  @Override
  public CommandHandler<ExecutionCommand, WorkflowEvent, ExecutionState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Decide.class, this::onDecide)
        .onCommand(Tick.class, (state, tick) -> decide(state, new DeciderCommand.CheckTimeouts(), null))
        .onCommand(GetExecution.class, (state, get) -> Effect().reply(get.replyTo(),
            state.started() ? new Execution(state) : notFound(state)))
        .onCommand(GetTask.class, (state, get) -> Effect().reply(get.replyTo(),
            state.started() && state.task(get.taskId()).isPresent()
                ? new ExecutionReply.Task(view(state, get.taskId()))
                : new Rejected(Rejection.notFound("task " + get.taskId() + " not found"))))
        .onCommand(Wake.class, (state, wake) -> {
          offerPending(state);
          return Effect().none();
        })
        .onCommand(Idle.class, this::onIdle)
        .onCommand(Asleep.class, (state, asleep) -> {
          passivate();
          return Effect().none();
        })
        .build();
  }

  private Effect<WorkflowEvent, ExecutionState> onDecide(ExecutionState state, Decide cmd) {
    return decide(state, cmd.command(), cmd.replyTo());
  }

  private Effect<WorkflowEvent, ExecutionState> decide(ExecutionState state,
      DeciderCommand command, ActorRef<ExecutionReply> replyTo) {
    Decision decision = DECIDER.decide(state, command, clock.millis());
    if (decision.rejected()) {
      return replyTo == null ? Effect().none()
          : Effect().reply(replyTo, new Rejected(decision.rejection()));
    }
    String subject = subjectOf(command, state);
    if (decision.events().isEmpty()) {
      return replyTo == null ? Effect().none() : Effect().reply(replyTo, answer(command, subject, state));
    }
    List<WorkflowEvent> events = decision.events();
    var persisted = Effect().persist(events).thenRun(after -> act(events, after));
    return replyTo == null ? persisted
        : persisted.thenReply(replyTo, after -> answer(command, subject, holding(subject, state, events, after)));
  }

  /** The task a command addressed by reference or by signal acts on, chosen before it acts. */
  private static String subjectOf(DeciderCommand command, ExecutionState before) {
    if (command instanceof DeciderCommand.LeaseTask lease) return lease.taskId();
    if (command instanceof DeciderCommand.UpdateTaskByRef byRef) {
      return before.latestByRef(byRef.taskReferenceName()).map(TaskState::taskId).orElse(null);
    }
    if (command instanceof DeciderCommand.Signal) {
      TaskState target = io.baton.runtime.decider.SignalHandler.target(before);
      return target == null ? null : target.taskId();
    }
    return null;
  }

  private ExecutionReply answer(DeciderCommand command, String subject, ExecutionState after) {
    if (command instanceof DeciderCommand.LeaseTask) return new Leased(view(after, subject));
    if (subject != null) return new ExecutionReply.Task(view(after, subject));
    return new Accepted(workflowId);
  }

  /**
   * The state to answer from: the final one, unless a loop's {@code keepLastN} removed the subject
   * within the same decision (a signal after which several iterations ran); then the last state
   * that still held it, so the caller sees the task as its command left it.
   */
  private static ExecutionState holding(String subject, ExecutionState before, List<WorkflowEvent> events,
      ExecutionState after) {
    if (subject == null || after.task(subject).isPresent()) return after;
    ExecutionState holder = before;
    for (WorkflowEvent event : events) {
      ExecutionState next = EventAppliers.apply(holder, event);
      if (next.task(subject).isEmpty()) break;
      holder = next;
    }
    return holder;
  }

  /**
   * Effects of persisted events: tasks to queues and canceled ones out of them, children started
   * or terminated, the parent told of this execution's end, the timer re-armed.
   */
  private void act(List<WorkflowEvent> events, ExecutionState after) {
    for (WorkflowEvent event : events) {
      if (event instanceof WorkflowEvent.TaskScheduled scheduled) {
        TaskState task = after.task(scheduled.task().taskId()).orElse(scheduled.task());
        offer(after, task);
        if (TaskTypes.START_WORKFLOW.equals(task.taskType()) && task.status() == TaskStatus.COMPLETED) {
          children.start(ChildWorkflows.startWorkflow(after, task));
        }
      } else if (event instanceof WorkflowEvent.TaskRequeued requeued) {
        after.task(requeued.taskId()).ifPresent(t -> offer(after, t));
      } else if (event instanceof WorkflowEvent.SubWorkflowStarted started) {
        children.start(ChildWorkflows.subWorkflow(after, after.task(started.taskId()).orElseThrow()));
      } else if (event instanceof WorkflowEvent.SubWorkflowResumed resumed) {
        children.retry(resumed.subWorkflowId(), workflowId);
      } else if (event instanceof WorkflowEvent.TaskEnded ended && ended.status() == TaskStatus.CANCELED) {
        after.task(ended.taskId()).ifPresent(t -> cancel(after, t));
      } else if (event instanceof WorkflowEvent.WorkflowFailed failed
          && failed.output().has(io.baton.runtime.decider.WorkflowFailure.OUTPUT_KEY)) {
        children.start(new ChildWorkflows.ChildStart(io.baton.runtime.decider.WorkflowFailure.idOf(workflowId),
            after.definition().failureWorkflow(), null, null,
            io.baton.runtime.decider.WorkflowFailure.inputFor(after, failed.failedTaskId()),
            after.correlationId(), after.priority(), after.taskToDomain(), null, null));
      }
    }
    if (events.stream().anyMatch(WorkflowExecution::reopens)) offerPending(after);
    if (after.started() && after.status().terminal() && after.parentWorkflowId() != null
        && events.stream().anyMatch(WorkflowExecution::endsWorkflow)) {
      children.report(after.parentWorkflowId(), ChildWorkflows.endOf(after));
    }
    armTimer(after);
  }

  /** Operator actions after which tasks that waited (or were rerun) go back to their queues. */
  private static boolean reopens(WorkflowEvent e) {
    return e instanceof WorkflowEvent.WorkflowResumed || e instanceof WorkflowEvent.WorkflowRerun
        || e instanceof WorkflowEvent.CallbacksReset;
  }

  private static boolean endsWorkflow(WorkflowEvent e) {
    return e instanceof WorkflowEvent.WorkflowCompleted || e instanceof WorkflowEvent.WorkflowFailed
        || e instanceof WorkflowEvent.WorkflowTerminated;
  }

  private void cancel(ExecutionState state, TaskState task) {
    if (task.workerTask()) dispatcher.withdraw(task.taskType(), task.domain(), task.taskId());
    if (task.subWorkflowId() != null && TaskTypes.SUB_WORKFLOW.equals(task.taskType())) {
      children.terminate(task.subWorkflowId(), "parent workflow " + workflowId + " ended "
          + state.status() + (state.reasonForIncompletion() == null ? "" : ": " + state.reasonForIncompletion()));
    }
  }

  /**
   * After a restart a running parent starts its children again: a start is idempotent, and a
   * child that ended meanwhile is reported again, so a report lost in a crash is not lost.
   */
  private void resumeLinks(ExecutionState state) {
    if (!state.started() || state.status().terminal()) return;
    for (TaskState t : state.openTasks()) {
      if (TaskTypes.SUB_WORKFLOW.equals(t.taskType()) && t.subWorkflowId() != null) {
        children.start(ChildWorkflows.subWorkflow(state, t));
      }
    }
  }

  private void offer(ExecutionState state, TaskState task) {
    if (task.status() != TaskStatus.SCHEDULED || !task.workerTask()) return;
    dispatcher.offer(new TaskDispatcher.QueuedTask(task.taskType(), task.domain(), task.taskId(),
        workflowId, state.priority(), task.visibleAt()));
  }

  private void offerPending(ExecutionState state) {
    if (!state.started() || state.status().terminal()) return;
    for (TaskState t : state.openTasks()) offer(state, t);
  }

  private void armTimer(ExecutionState state) {
    long due = Deadlines.next(state);
    if (due == Long.MAX_VALUE) {
      timers.cancel("deadline");
    } else {
      timers.startSingleTimer("deadline", new Tick(),
          Duration.ofMillis(Math.max(0, due - clock.millis())));
    }
  }

  /**
   * Memory follows active work: a finished execution leaves at once; a running one leaves when no
   * task of it waits in a queue (a queue's lease, a worker's update or a signal brings it back),
   * after recording a durable wake-up for its next deadline. One with a task in a queue stays,
   * remembered, so a crash of the queue's node cannot lose that task.
   */
  private Effect<WorkflowEvent, ExecutionState> onIdle(ExecutionState state, Idle idle) {
    if (!state.started() || state.status().terminal()) {
      passivate();
    } else if (state.openTasks().stream().noneMatch(t -> t.status() == TaskStatus.SCHEDULED && t.workerTask())) {
      long due = Deadlines.next(state);
      if (due == Long.MAX_VALUE) {
        passivate();
      } else {
        context.pipeToSelf(wakeups.sleep(workflowId, due), (ok, error) -> error == null ? new Asleep() : new Wake());
      }
    }
    return Effect().none();
  }

  private void passivate() {
    shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
  }

  private static TaskView view(ExecutionState state, String taskId) {
    TaskState task = state.task(taskId).orElseThrow();
    return new TaskView(task, state.definition().name(), state.definition().versionOrDefault(),
        state.correlationId(), state.priority());
  }

  private static Rejected notFound(ExecutionState state) {
    return new Rejected(Rejection.notFound("workflow " + state.workflowId() + " not found"));
  }

  @Override
  public EventHandler<ExecutionState, WorkflowEvent> eventHandler() {
    return EventAppliers::apply;
  }

  @Override
  public SignalHandler<ExecutionState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          offerPending(state);
          resumeLinks(state);
          armTimer(state);
        })
        .build();
  }
}
