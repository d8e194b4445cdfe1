package io.baton.bridge;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.entity.TaskDispatcher.QueuedTask;
import io.baton.runtime.entity.TaskView;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Messages of a TaskQueue entity. */
public sealed interface QueueCommand extends CborSerializable {
  /**
   * {@code origin} is the offering node's {@link OfferRecovery}, told when the task is settled so
   * it stops counting it as an offer a restarted queue may have lost; null when nobody asks.
   */
  record Offer(QueuedTask task, ActorRef<OfferRecovery.Command> origin) implements QueueCommand {}

  record Withdraw(String taskId) implements QueueCommand {}

  /**
   * The shard is handed over to another node (rebalance, graceful leave): waiting polls are
   * answered now (empty) instead of timing out, and leases in flight finish before the stop.
   */
  record HandOff() implements QueueCommand {}

  /** A (long) poll: answered as soon as up to {@code count} tasks are leased, or at the timeout. */
  record Poll(String workerId, int count, long timeoutMillis, ActorRef<Polled> replyTo)
      implements QueueCommand {}

  record GetSize(ActorRef<Size> replyTo) implements QueueCommand {}

  record GetPollData(ActorRef<PollDataList> replyTo) implements QueueCommand {}

  record Polled(List<TaskView> tasks) implements CborSerializable {}

  record Size(String queueName, long size) implements CborSerializable {}

  record PollData(String queueName, String domain, String workerId, long lastPollTime)
      implements CborSerializable {}

  record PollDataList(List<PollData> pollData) implements CborSerializable {}

  /** Internal: the entities answered the leases asked for one poll. */
  record LeasesDone(long pollId, List<LeaseOutcome> outcomes) implements QueueCommand {}

  /** Internal: delayed tasks may be due. */
  record ReleaseDue() implements QueueCommand {}

  /** Internal: a waiting poll reached its timeout. */
  record PollExpired(long pollId) implements QueueCommand {}

  /** Internal: the nodes' offer recoveries to tell that this queue started. */
  record RecoveriesListed(Receptionist.Listing listing) implements QueueCommand {}

  /** Internal: how one lease went; {@code task} null when refused, {@code failed} when unanswered. */
  record LeaseOutcome(QueuedTask queued, TaskView task, boolean failed) implements CborSerializable {}
}
