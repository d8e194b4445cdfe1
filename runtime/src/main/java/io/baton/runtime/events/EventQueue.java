package io.baton.runtime.events;

import io.baton.runtime.events.QueueCommand.GetPending;
import io.baton.runtime.events.QueueCommand.Idle;
import io.baton.runtime.events.QueueCommand.ProcessNext;
import io.baton.runtime.events.QueueCommand.Processed;
import io.baton.runtime.events.QueueCommand.Publish;
import io.baton.runtime.events.QueueEvent.MessageHandled;
import io.baton.runtime.events.QueueEvent.MessagePublished;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One durable internal event queue ({@code conductor:<workflowName>:<queue>}), sharded by name.
 * A message is in the journal before its publisher hears back; it is then handled, one message at
 * a time in arrival order, and marked handled only after its actions were applied. A queue that
 * stops with messages pending (crash, rebalance) is remembered, comes back by itself and handles
 * them again: at-least-once, which the actions tolerate (see {@link ActionRunner}).
 */
public final class EventQueue extends EventSourcedBehavior<QueueCommand, QueueEvent, QueueState> {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

  public static final EntityTypeKey<QueueCommand> TYPE_KEY =
      EntityTypeKey.create(QueueCommand.class, "EventQueue");
  private static final Duration IDLE_AFTER = Duration.ofSeconds(30);
  static final int MAX_ATTEMPTS = 5;
  private static final String RETRY_TIMER = "retry";

  private final String queue;
  private final ActorContext<QueueCommand> context;
  private final TimerScheduler<QueueCommand> timers;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final MessageHandler handler;
  private final Clock clock;
  /** A message is being handled, or waits for its retry: the next one must wait. */
  private boolean busy;
  private final Map<String, Integer> attempts = new HashMap<>();

  public static void init(ActorSystem<?> system, Clock clock) {
    init(system, clock, HandlerDispatch.create(system));
  }

  public static void init(ActorSystem<?> system, Clock clock, MessageHandler handler) {
    // Remembered, so that a queue with unhandled messages restarts after a crash by itself; an
    // idle queue passivates, which also forgets it.
    ClusterShardingSettings settings = ClusterShardingSettings.create(system).withRememberEntities(true);
    ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx ->
        create(ctx.getEntityId(), ctx.getShard(), handler, clock)).withSettings(settings));
  }

  public static EntityRef<QueueCommand> ref(ActorSystem<?> system, String queue) {
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, queue);
  }

  /** {@code shard} may be null outside sharding (tests): the queue then never passivates. */
  public static Behavior<QueueCommand> create(String queue, ActorRef<ClusterSharding.ShardCommand> shard,
      MessageHandler handler, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      if (shard != null) ctx.setReceiveTimeout(IDLE_AFTER, new Idle());
      return new EventQueue(queue, ctx, timers, shard, handler, clock);
    }));
  }

  private EventQueue(String queue, ActorContext<QueueCommand> context, TimerScheduler<QueueCommand> timers,
      ActorRef<ClusterSharding.ShardCommand> shard, MessageHandler handler, Clock clock) {
    super(PersistenceId.of(TYPE_KEY.name(), queue),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.queue = queue;
    this.context = context;
    this.timers = timers;
    this.shard = shard;
    this.handler = handler;
    this.clock = clock;
  }

  @Override
  public QueueState emptyState() {
    return QueueState.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }

  @Override
  public CommandHandler<QueueCommand, QueueEvent, QueueState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Publish.class, this::publish)
        .onCommand(GetPending.class, (s, c) -> Effect().reply(c.replyTo(), new QueueReply.Pending(s.pending())))
        .onCommand(ProcessNext.class, (s, c) -> {
          busy = false;
          processNext(s);
          return Effect().none();
        })
        .onCommand(Processed.class, this::processed)
        .onCommand(Idle.class, (s, c) -> {
          if (!busy && s.pending().isEmpty()) shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
          return Effect().none();
        })
        .build();
  }

  private Effect<QueueEvent, QueueState> publish(QueueState state, Publish c) {
    if (state.knows(c.messageId())) {
      return Effect().reply(c.replyTo(), new QueueReply.Published(c.messageId(), true));
    }
    return Effect().persist(new MessagePublished(c.messageId(), c.payload(), clock.millis()))
        .thenRun(this::processNext)
        .thenReply(c.replyTo(), after -> new QueueReply.Published(c.messageId(), false));
  }

  private Effect<QueueEvent, QueueState> processed(QueueState state, Processed p) {
    if (!state.isPending(p.messageId())) {
      busy = false;
      processNext(state);
      return Effect().none();
    }
    List<String> errors = new ArrayList<>(p.errors());
    if (p.retry()) {
      int n = attempts.merge(p.messageId(), 1, Integer::sum);
      if (n < MAX_ATTEMPTS) {
        Duration delay = Duration.ofSeconds(Math.min(30, 1L << (n - 1)));
        LOG.warn("event queue {}: message {} will be handled again in {}: {}", queue, p.messageId(), delay, errors);
        timers.startSingleTimer(RETRY_TIMER, new ProcessNext(), delay);
        return Effect().none();
      }
      errors.add("gave up after " + n + " attempts");
    }
    attempts.remove(p.messageId());
    if (!errors.isEmpty()) LOG.warn("event queue {}: message {} handled with errors: {}", queue, p.messageId(), errors);
    return Effect().persist(new MessageHandled(p.messageId(), List.copyOf(errors), clock.millis()))
        .thenRun(after -> {
          busy = false;
          processNext(after);
        });
  }

  /** Starts handling the oldest message unless one is already under way. */
  private void processNext(QueueState state) {
    if (busy || state.pending().isEmpty()) return;
    busy = true;
    QueuedMessage message = state.pending().get(0);
    CompletionStage<MessageHandler.Outcome> outcome;
    try {
      outcome = handler.handle(queue, message);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    context.pipeToSelf(outcome, (o, e) -> e != null
        ? new Processed(message.id(), List.of("handling failed: " + e), true)
        : new Processed(message.id(), o.errors(), o.retry()));
  }

  @Override
  public EventHandler<QueueState, QueueEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(MessagePublished.class, (s, e) -> s.published(new QueuedMessage(e.id(), e.payload(), e.time())))
        .onEvent(MessageHandled.class, (s, e) -> s.handled(e.id()))
        .build();
  }

  @Override
  public SignalHandler<QueueState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::processNext)
        .build();
  }
}
