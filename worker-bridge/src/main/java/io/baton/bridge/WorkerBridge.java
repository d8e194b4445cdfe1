package io.baton.bridge;

import io.baton.bridge.QueueCommand.GetPollData;
import io.baton.bridge.QueueCommand.GetSize;
import io.baton.bridge.QueueCommand.Offer;
import io.baton.bridge.QueueCommand.Poll;
import io.baton.bridge.QueueCommand.PollData;
import io.baton.bridge.QueueCommand.Withdraw;
import io.baton.runtime.Replies;
import io.baton.runtime.entity.TaskDispatcher;
import io.baton.runtime.entity.TaskView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The worker side of Baton: executions offer tasks here, and the HTTP polling endpoints take them
 * from here. Each task type (and domain) is one sharded {@link TaskQueue}.
 */
public final class WorkerBridge implements TaskDispatcher {
  /** The longest long poll a worker may ask for (API.md). */
  public static final long MAX_POLL_MILLIS = 5000;

  /** Outstanding offers one node records before falling back to waking all its executions. */
  static final int LEDGER_CAPACITY = 200_000;

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final OfferLedger ledger = new OfferLedger(LEDGER_CAPACITY);
  private final ActorRef<OfferRecovery.Command> recovery;

  public WorkerBridge(ActorSystem<?> system, Clock clock) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.recovery = system.systemActorOf(OfferRecovery.create(ledger), "offer-recovery", Props.empty());
    // Queues hold what is waiting in memory; they must not be passivated for being idle.
    ClusterShardingSettings settings = ClusterShardingSettings.create(system)
        .withRememberEntities(false).withNoPassivationStrategy();
    sharding.init(Entity.of(TaskQueue.TYPE_KEY, ctx -> TaskQueue.create(ctx.getEntityId(), clock))
        .withSettings(settings)
        .withStopMessage(new QueueCommand.HandOff()));
  }

  private EntityRef<QueueCommand> queue(String taskType, String domain) {
    return sharding.entityRefFor(TaskQueue.TYPE_KEY, TaskQueue.queueName(taskType, domain));
  }

  @Override
  public void offer(QueuedTask task) {
    String queueName = TaskQueue.queueName(task.taskType(), task.domain());
    ledger.record(queueName, task.taskId(), task.workflowId());
    sharding.entityRefFor(TaskQueue.TYPE_KEY, queueName).tell(new Offer(task, recovery));
  }

  @Override
  public void withdraw(String taskType, String domain, String taskId) {
    ledger.forget(TaskQueue.queueName(taskType, domain), List.of(taskId));
    queue(taskType, domain).tell(new Withdraw(taskId));
  }

  /** Up to {@code count} tasks, waiting at most {@code timeoutMillis} for the first. */
  public CompletionStage<List<TaskView>> poll(String taskType, String domain, String workerId,
      int count, long timeoutMillis) {
    long timeout = Math.min(Math.max(0, timeoutMillis), MAX_POLL_MILLIS);
    Duration askTimeout = Duration.ofMillis(timeout).plus(TaskQueue.LEASE_TIMEOUT).plusSeconds(1);
    return Replies.onDispatcher(system, queue(taskType, domain)
        .<QueueCommand.Polled>ask(replyTo -> new Poll(workerId, count, timeout, replyTo), askTimeout))
        .thenApply(QueueCommand.Polled::tasks);
  }

  public CompletionStage<Long> size(String taskType, String domain) {
    return Replies.onDispatcher(system, queue(taskType, domain)
        .<QueueCommand.Size>ask(GetSize::new, Duration.ofSeconds(5)))
        .thenApply(QueueCommand.Size::size);
  }

  /** Offers this node's executions made that no queue has settled yet (for tests and metrics). */
  public int outstandingOffers() {
    return ledger.size();
  }

  public CompletionStage<List<PollData>> pollData(String taskType, String domain) {
    return Replies.onDispatcher(system, queue(taskType, domain)
        .<QueueCommand.PollDataList>ask(GetPollData::new, Duration.ofSeconds(5)))
        .thenApply(QueueCommand.PollDataList::pollData);
  }
}
