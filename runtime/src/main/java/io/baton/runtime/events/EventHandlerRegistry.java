package io.baton.runtime.events;

import io.baton.runtime.events.RegistryCommand.AddHandler;
import io.baton.runtime.events.RegistryCommand.HandlersFor;
import io.baton.runtime.events.RegistryCommand.ListHandlers;
import io.baton.runtime.events.RegistryCommand.RemoveHandler;
import io.baton.runtime.events.RegistryCommand.UpdateHandler;
import io.baton.runtime.events.RegistryEvent.HandlerRemoved;
import io.baton.runtime.events.RegistryEvent.HandlerStored;
import io.baton.runtime.events.RegistryReply.Conflict;
import io.baton.runtime.events.RegistryReply.Done;
import io.baton.runtime.events.RegistryReply.Handlers;
import io.baton.runtime.events.RegistryReply.NotFound;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The registered event handlers, durable in the journal and the same from every node: one
 * sharded entity, so every node asks the same owner.
 */
public final class EventHandlerRegistry
    extends EventSourcedBehavior<RegistryCommand, RegistryEvent, RegistryState> {

  public static final EntityTypeKey<RegistryCommand> TYPE_KEY =
      EntityTypeKey.create(RegistryCommand.class, "EventHandlerRegistry");
  private static final String ENTITY_ID = "event-handlers";

  public static void init(ActorSystem<?> system) {
    ClusterShardingSettings settings = ClusterShardingSettings.create(system)
        .withRememberEntities(false).withNoPassivationStrategy();
    ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> new EventHandlerRegistry())
        .withSettings(settings));
  }

  public static EntityRef<RegistryCommand> ref(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, ENTITY_ID);
  }

  EventHandlerRegistry() {
    super(PersistenceId.of(TYPE_KEY.name(), ENTITY_ID),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
  }

  @Override
  public RegistryState emptyState() {
    return RegistryState.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandler<RegistryCommand, RegistryEvent, RegistryState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(AddHandler.class, (s, c) -> s.has(c.handler().name())
            ? Effect().reply(c.replyTo(), new Conflict("event handler '" + c.handler().name() + "' already exists"))
            : Effect().persist(new HandlerStored(c.handler().withDefaults())).thenReply(c.replyTo(), after -> new Done()))
        .onCommand(UpdateHandler.class, (s, c) -> !s.has(c.handler().name())
            ? Effect().reply(c.replyTo(), notFound(c.handler().name()))
            : Effect().persist(new HandlerStored(c.handler().withDefaults())).thenReply(c.replyTo(), after -> new Done()))
        .onCommand(RemoveHandler.class, (s, c) -> !s.has(c.name())
            ? Effect().reply(c.replyTo(), notFound(c.name()))
            : Effect().persist(new HandlerRemoved(c.name())).thenReply(c.replyTo(), after -> new Done()))
        .onCommand(ListHandlers.class, (s, c) -> Effect().reply(c.replyTo(), new Handlers(s.all())))
        .onCommand(HandlersFor.class, (s, c) ->
            Effect().reply(c.replyTo(), new Handlers(s.forEvent(c.event(), c.activeOnly()))))
        .build();
  }

  private static NotFound notFound(String name) {
    return new NotFound("event handler '" + name + "' not found");
  }

  @Override
  public EventHandler<RegistryState, RegistryEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(HandlerStored.class, (s, e) -> s.with(e.handler()))
        .onEvent(HandlerRemoved.class, (s, e) -> s.without(e.name()))
        .build();
  }
}
