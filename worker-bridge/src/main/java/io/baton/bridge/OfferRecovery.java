package io.baton.bridge;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.entity.ExecutionCommand;
import io.baton.runtime.entity.WorkflowExecution;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;

/**
 * One per node, next to the {@link OfferLedger}: learns from queues which of this node's offers
 * they settled, and when a queue (re)starts empty, wakes the workflows whose offers it may have
 * lost so that they offer again (invariant 2 when a queue's node dies or its shard moves).
 */
public final class OfferRecovery {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "baton-offer-recovery");

  /**
   * A second look after a queue start: an offer sent to the queue's old home in the moments
   * before this node learned of the new one is recorded after the first drain.
   */
  static final Duration SECOND_DRAIN = Duration.ofSeconds(5);

  public sealed interface Command {}

  /** A TaskQueue entity started (first time, after its node died, or after a hand-over). */
  public record QueueStarted(String queueName) implements Command, CborSerializable {}

  /** A queue leased, refused or dropped these tasks of this node's offers: no need to wake for them. */
  public record Settled(String queueName, List<String> taskIds) implements Command, CborSerializable {}

  private record DrainAgain(String queueName) implements Command {}

  private record LocalExecutions(CurrentShardRegionState state) implements Command {}

  private OfferRecovery() {}

  static Behavior<Command> create(OfferLedger ledger) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
      Logger log = ctx.getLog();
      ActorRef<CurrentShardRegionState> regionState =
          ctx.messageAdapter(CurrentShardRegionState.class, LocalExecutions::new);
      return Behaviors.<Command>receive((context, msg) -> {
        if (msg instanceof Settled settled) {
          ledger.forget(settled.queueName(), settled.taskIds());
        } else if (msg instanceof QueueStarted started) {
          wake(started.queueName(), ledger, sharding, regionState, log);
          timers.startSingleTimer(started.queueName(), new DrainAgain(started.queueName()), SECOND_DRAIN);
        } else if (msg instanceof DrainAgain again) {
          wake(again.queueName(), ledger, sharding, regionState, log);
        } else if (msg instanceof LocalExecutions local) {
          int woken = 0;
          for (var shard : local.state().getShards()) {
            for (String workflowId : shard.getEntityIds()) {
              wake(sharding, workflowId);
              woken++;
            }
          }
          log.info("woke all {} executions of this node: a queue restarted after the offer ledger overflowed", woken);
        }
        return Behaviors.same();
      });
    }));
  }

  private static void wake(String queueName, OfferLedger ledger, ClusterSharding sharding,
      ActorRef<CurrentShardRegionState> regionState, Logger log) {
    OfferLedger.Lost lost = ledger.drain(queueName);
    if (lost.everyExecution()) {
      sharding.shardState().tell(new GetShardRegionState(WorkflowExecution.TYPE_KEY, regionState));
    }
    Set<String> workflows = lost.workflowIds();
    if (!workflows.isEmpty()) {
      log.debug("queue {} started: waking {} workflows with offers outstanding", queueName, workflows.size());
    }
    for (String workflowId : workflows) wake(sharding, workflowId);
  }

  private static void wake(ClusterSharding sharding, String workflowId) {
    sharding.entityRefFor(WorkflowExecution.TYPE_KEY, workflowId).tell(new ExecutionCommand.Wake());
  }
}
