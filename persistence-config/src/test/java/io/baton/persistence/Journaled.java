package io.baton.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/** A tiny event-sourced entity: appends strings, snapshots every 5 events (unless told not to), tags every event. */
final class Journaled extends EventSourcedBehavior<Journaled.Command, Journaled.Appended, Journaled.Values> {
  static final String TAG = "journaled";
  /** persistence id -> sizes of the state each time it finished recovering, across systems. */
  static final Map<String, Queue<Integer>> RECOVERIES = new ConcurrentHashMap<>();

  sealed interface Command {}

  record Append(String value, ActorRef<Done> replyTo) implements Command {}

  record Read(ActorRef<List<String>> replyTo) implements Command {}

  record Appended(String value) implements TestCborSerializable {}

  record Values(List<String> values) implements TestCborSerializable {
    Values with(String value) {
      List<String> more = new ArrayList<>(values);
      more.add(value);
      return new Values(List.copyOf(more));
    }
  }

  private final boolean snapshots;

  static Behavior<Command> create(PersistenceId id) {
    return new Journaled(id, true);
  }

  /** Events only: for writing many events without snapshots of an ever-growing state. */
  static Behavior<Command> withoutSnapshots(PersistenceId id) {
    return new Journaled(id, false);
  }

  private Journaled(PersistenceId id, boolean snapshots) {
    super(id);
    this.snapshots = snapshots;
  }

  @Override
  public Values emptyState() {
    return new Values(List.of());
  }

  @Override
  public CommandHandler<Command, Appended, Values> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Append.class, (state, append) ->
            Effect().persist(new Appended(append.value())).thenReply(append.replyTo(), s -> Done.getInstance()))
        .onCommand(Read.class, (state, read) -> Effect().reply(read.replyTo(), state.values()))
        .build();
  }

  @Override
  public EventHandler<Values, Appended> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(Appended.class, (state, e) -> state.with(e.value())).build();
  }

  @Override
  public SignalHandler<Values> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> RECOVERIES
            .computeIfAbsent(persistenceId().id(), k -> new ConcurrentLinkedQueue<>())
            .add(state.values().size()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return snapshots ? RetentionCriteria.snapshotEvery(5, 2) : RetentionCriteria.disabled();
  }

  @Override
  public Set<String> tagsFor(Appended event) {
    return Set.of(TAG);
  }
}
