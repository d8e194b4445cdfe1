package io.baton.bridge;

import io.baton.bridge.QueueCommand.GetPollData;
import io.baton.bridge.QueueCommand.GetSize;
import io.baton.bridge.QueueCommand.HandOff;
import io.baton.bridge.QueueCommand.LeaseOutcome;
import io.baton.bridge.QueueCommand.LeasesDone;
import io.baton.bridge.QueueCommand.Offer;
import io.baton.bridge.QueueCommand.Poll;
import io.baton.bridge.QueueCommand.PollData;
import io.baton.bridge.QueueCommand.PollDataList;
import io.baton.bridge.QueueCommand.PollExpired;
import io.baton.bridge.QueueCommand.Polled;
import io.baton.bridge.QueueCommand.RecoveriesListed;
import io.baton.bridge.QueueCommand.ReleaseDue;
import io.baton.bridge.QueueCommand.Size;
import io.baton.bridge.QueueCommand.Withdraw;
import io.baton.runtime.decider.DeciderCommand.LeaseTask;
import io.baton.runtime.entity.ExecutionReply;
import io.baton.runtime.entity.Executions;
import io.baton.runtime.entity.TaskDispatcher.QueuedTask;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The tasks of one type (and domain) that wait for a worker, and the workers that wait for them.
 * Polls are answered in arrival order, tasks handed out by priority then age. A task reaches a
 * worker only after its execution has persisted the lease, so two pollers never get the same task:
 * the queue proposes, the execution decides.
 */
public final class TaskQueue extends AbstractBehavior<QueueCommand> {
  public static final EntityTypeKey<QueueCommand> TYPE_KEY =
      EntityTypeKey.create(QueueCommand.class, "TaskQueue");
  /** How long a poll waits for its tasks' executions to persist their leases. */
  public static final Duration LEASE_TIMEOUT = Duration.ofSeconds(5);

  private record Entry(QueuedTask task, long seq, Set<ActorRef<OfferRecovery.Command>> origins) {}

  private record Waiting(long id, String workerId, int count, long deadline,
      ActorRef<Polled> replyTo) {}

  private final String queueName;
  private final String domain;
  private final Executions executions;
  private final TimerScheduler<QueueCommand> timers;
  private final Clock clock;

  private final TreeSet<Entry> ready = new TreeSet<>(
      Comparator.comparingInt((Entry e) -> -e.task().priority()).thenComparingLong(Entry::seq));
  private final PriorityQueue<Entry> delayed =
      new PriorityQueue<>(Comparator.comparingLong((Entry e) -> e.task().visibleAt()));
  private final Map<String, Entry> queued = new HashMap<>();
  /** Tasks proposed to their executions, with the nodes that offered them. */
  private final Map<String, Set<ActorRef<OfferRecovery.Command>>> leasing = new HashMap<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<Long, Waiting> inLease = new HashMap<>();
  private final Map<String, PollData> pollData = new LinkedHashMap<>();
  private long nextSeq;
  private long nextPollId;
  private boolean handingOff;

  public static Behavior<QueueCommand> create(String queueName, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      // Started empty: every node's OfferRecovery wakes the workflows whose offers a previous
      // incarnation of this queue held (on a node that died, or before a hand-over).
      ctx.getSystem().receptionist().tell(Receptionist.find(OfferRecovery.KEY,
          ctx.messageAdapter(Receptionist.Listing.class, RecoveriesListed::new)));
      return new TaskQueue(ctx, timers, queueName, clock);
    }));
  }

  /** Queue names follow Conductor: {@code taskType}, or {@code domain:taskType}. */
  public static String queueName(String taskType, String domain) {
    return domain == null || domain.isBlank() ? taskType : domain + ":" + taskType;
  }

  private TaskQueue(ActorContext<QueueCommand> ctx, TimerScheduler<QueueCommand> timers,
      String queueName, Clock clock) {
    super(ctx);
    this.queueName = queueName;
    int colon = queueName.indexOf(':');
    this.domain = colon > 0 ? queueName.substring(0, colon) : null;
    this.executions = new Executions(ctx.getSystem());
    this.timers = timers;
    this.clock = clock;
  }

  @Override
  public Receive<QueueCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Offer.class, m -> onOffer(m.task(), m.origin() == null ? Set.of() : Set.of(m.origin())))
        .onMessage(Withdraw.class, this::onWithdraw)
        .onMessage(Poll.class, this::onPoll)
        .onMessage(LeasesDone.class, this::onLeasesDone)
        .onMessage(ReleaseDue.class, m -> { releaseDue(); serve(); return this; })
        .onMessage(PollExpired.class, this::onPollExpired)
        .onMessage(HandOff.class, this::onHandOff)
        .onMessage(RecoveriesListed.class, m -> {
          for (ActorRef<OfferRecovery.Command> recovery : m.listing().getServiceInstances(OfferRecovery.KEY)) {
            recovery.tell(new OfferRecovery.QueueStarted(queueName));
          }
          return this;
        })
        .onMessage(GetSize.class, m -> {
          m.replyTo().tell(new Size(queueName, queued.size()));
          return this;
        })
        .onMessage(GetPollData.class, m -> {
          m.replyTo().tell(new PollDataList(List.copyOf(pollData.values())));
          return this;
        })
        .build();
  }

  private Behavior<QueueCommand> onOffer(QueuedTask task, Set<ActorRef<OfferRecovery.Command>> origins) {
    Set<ActorRef<OfferRecovery.Command>> proposing = leasing.get(task.taskId());
    if (proposing != null) {
      leasing.put(task.taskId(), union(proposing, origins));
      return this;
    }
    Entry old = queued.remove(task.taskId());
    if (old != null) {
      ready.remove(old);
      delayed.remove(old);
      origins = union(old.origins(), origins);
    }
    Entry entry = new Entry(task, nextSeq++, origins);
    queued.put(task.taskId(), entry);
    if (task.visibleAt() <= clock.millis()) {
      ready.add(entry);
      serve();
    } else {
      delayed.add(entry);
      armRelease();
    }
    return this;
  }

  private Behavior<QueueCommand> onWithdraw(Withdraw withdraw) {
    Entry entry = queued.remove(withdraw.taskId());
    if (entry != null) {
      ready.remove(entry);
      delayed.remove(entry);
      Map<ActorRef<OfferRecovery.Command>, List<String>> settled = new HashMap<>();
      settle(settled, entry.origins(), withdraw.taskId());
      tellSettled(settled);
    }
    return this;
  }

  private Behavior<QueueCommand> onPoll(Poll poll) {
    long now = clock.millis();
    pollData.put(poll.workerId() == null ? "" : poll.workerId(),
        new PollData(queueName, domain, poll.workerId(), now));
    Waiting w = new Waiting(nextPollId++, poll.workerId(), Math.max(1, poll.count()),
        now + Math.max(0, poll.timeoutMillis()), poll.replyTo());
    releaseDue();
    if (handingOff || (ready.isEmpty() && poll.timeoutMillis() <= 0)) {
      poll.replyTo().tell(new Polled(List.of()));
      return this;
    }
    waiting.add(w);
    if (poll.timeoutMillis() > 0) {
      timers.startSingleTimer(w.id(), new PollExpired(w.id()), Duration.ofMillis(poll.timeoutMillis()));
    }
    serve();
    return this;
  }

  /** Hands ready tasks to waiting polls, oldest poll first. */
  private void serve() {
    while (!waiting.isEmpty() && !ready.isEmpty()) {
      Waiting w = waiting.poll();
      List<QueuedTask> batch = new ArrayList<>(w.count());
      while (batch.size() < w.count() && !ready.isEmpty()) {
        Entry e = ready.pollFirst();
        queued.remove(e.task().taskId());
        leasing.put(e.task().taskId(), e.origins());
        batch.add(e.task());
      }
      inLease.put(w.id(), w);
      lease(w, batch);
    }
  }

  /** Asks each task's execution to persist the lease; all answers come back as one message. */
  private void lease(Waiting w, List<QueuedTask> batch) {
    List<CompletableFuture<LeaseOutcome>> asks = new ArrayList<>(batch.size());
    for (QueuedTask task : batch) {
      CompletionStage<ExecutionReply> reply =
          executions.decide(task.workflowId(), new LeaseTask(task.taskId(), w.workerId()), LEASE_TIMEOUT);
      asks.add(reply.handle((r, error) -> error != null
          ? new LeaseOutcome(task, null, true)
          : new LeaseOutcome(task, r instanceof ExecutionReply.Leased l ? l.task() : null, false))
          .toCompletableFuture());
    }
    CompletableFuture<List<LeaseOutcome>> all = CompletableFuture
        .allOf(asks.toArray(new CompletableFuture[0]))
        .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
    getContext().pipeToSelf(all, (outcomes, error) -> new LeasesDone(w.id(), outcomes));
  }

  private Behavior<QueueCommand> onLeasesDone(LeasesDone done) {
    Waiting w = inLease.remove(done.pollId());
    List<io.baton.runtime.entity.TaskView> leased = new ArrayList<>();
    Map<ActorRef<OfferRecovery.Command>, List<String>> settled = new HashMap<>();
    for (LeaseOutcome o : done.outcomes()) {
      Set<ActorRef<OfferRecovery.Command>> origins = leasing.remove(o.queued().taskId());
      if (origins == null) origins = Set.of();
      if (o.failed()) {
        // Unanswered: the lease may or may not be persisted; offering again is safe because the
        // execution refuses a second lease of a task that is no longer SCHEDULED.
        onOffer(o.queued(), origins);
      } else {
        // Leased, or refused because the task is no longer SCHEDULED: nothing left to offer.
        if (o.task() != null) leased.add(o.task());
        settle(settled, origins, o.queued().taskId());
      }
    }
    tellSettled(settled);
    if (w == null) return this;
    if (handingOff) {
      timers.cancel(w.id());
      w.replyTo().tell(new Polled(leased));
      return inLease.isEmpty() ? Behaviors.stopped() : this;
    }
    long left = w.deadline() - clock.millis();
    if (leased.isEmpty() && left > 0) {
      waiting.addFirst(w);
      timers.startSingleTimer(w.id(), new PollExpired(w.id()), Duration.ofMillis(left));
      serve();
    } else {
      timers.cancel(w.id());
      w.replyTo().tell(new Polled(leased));
    }
    return this;
  }

  private Behavior<QueueCommand> onHandOff(HandOff handOff) {
    handingOff = true;
    for (Waiting w : waiting) {
      timers.cancel(w.id());
      w.replyTo().tell(new Polled(List.of()));
    }
    waiting.clear();
    // Leases in flight end in LeasesDone, which answers their polls; then the queue stops.
    return inLease.isEmpty() ? Behaviors.stopped() : this;
  }

  private static void settle(Map<ActorRef<OfferRecovery.Command>, List<String>> settled,
      Set<ActorRef<OfferRecovery.Command>> origins, String taskId) {
    for (ActorRef<OfferRecovery.Command> origin : origins) {
      settled.computeIfAbsent(origin, o -> new ArrayList<>()).add(taskId);
    }
  }

  private void tellSettled(Map<ActorRef<OfferRecovery.Command>, List<String>> settled) {
    settled.forEach((origin, taskIds) -> origin.tell(new OfferRecovery.Settled(queueName, taskIds)));
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    if (b.isEmpty() || a.containsAll(b)) return a;
    if (a.isEmpty()) return b;
    Set<T> both = new HashSet<>(a);
    both.addAll(b);
    return Set.copyOf(both);
  }

  private Behavior<QueueCommand> onPollExpired(PollExpired expired) {
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (w.id() == expired.pollId()) {
        it.remove();
        w.replyTo().tell(new Polled(List.of()));
        break;
      }
    }
    return this;
  }

  private void releaseDue() {
    long now = clock.millis();
    while (!delayed.isEmpty() && delayed.peek().task().visibleAt() <= now) {
      ready.add(delayed.poll());
    }
    armRelease();
  }

  private void armRelease() {
    if (delayed.isEmpty()) {
      timers.cancel("release");
    } else {
      long in = Math.max(1, delayed.peek().task().visibleAt() - clock.millis());
      timers.startSingleTimer("release", new ReleaseDue(), Duration.ofMillis(in));
    }
  }
}
