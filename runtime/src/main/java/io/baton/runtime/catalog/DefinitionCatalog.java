package io.baton.runtime.catalog;

import io.baton.runtime.Replies;
import io.baton.runtime.catalog.CatalogCommand.CreateWorkflowDef;
import io.baton.runtime.catalog.CatalogCommand.DeleteTaskDef;
import io.baton.runtime.catalog.CatalogCommand.DeleteWorkflowDef;
import io.baton.runtime.catalog.CatalogCommand.GetTaskDef;
import io.baton.runtime.catalog.CatalogCommand.GetWorkflowDef;
import io.baton.runtime.catalog.CatalogCommand.ListTaskDefs;
import io.baton.runtime.catalog.CatalogCommand.ListWorkflowDefs;
import io.baton.runtime.catalog.CatalogCommand.PutTaskDefs;
import io.baton.runtime.catalog.CatalogCommand.PutWorkflowDefs;
import io.baton.runtime.catalog.CatalogCommand.ResolveForStart;
import io.baton.runtime.catalog.CatalogCommand.UpdateTaskDef;
import io.baton.runtime.catalog.CatalogEvent.TaskDefDeleted;
import io.baton.runtime.catalog.CatalogEvent.TaskDefStored;
import io.baton.runtime.catalog.CatalogEvent.WorkflowDefDeleted;
import io.baton.runtime.catalog.CatalogEvent.WorkflowDefStored;
import io.baton.runtime.catalog.CatalogReply.Conflict;
import io.baton.runtime.catalog.CatalogReply.Done;
import io.baton.runtime.catalog.CatalogReply.NotFound;
import io.baton.runtime.catalog.CatalogReply.TaskDefs;
import io.baton.runtime.catalog.CatalogReply.WorkflowDefs;
import io.baton.runtime.definition.TaskDef;
import io.baton.runtime.definition.WorkflowDef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
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
 * The registered definitions, durable in the journal and the same from every node: one sharded
 * entity, so every node asks the same owner.
 */
public final class DefinitionCatalog
    extends EventSourcedBehavior<CatalogCommand, CatalogEvent, CatalogState> {

  public static final EntityTypeKey<CatalogCommand> TYPE_KEY =
      EntityTypeKey.create(CatalogCommand.class, "DefinitionCatalog");
  private static final String ENTITY_ID = "definitions";

  private final Clock clock;

  public static void init(ActorSystem<?> system, Clock clock) {
    ClusterShardingSettings settings = ClusterShardingSettings.create(system)
        .withRememberEntities(false).withNoPassivationStrategy();
    ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> new DefinitionCatalog(clock))
        .withSettings(settings));
  }

  public static EntityRef<CatalogCommand> ref(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, ENTITY_ID);
  }

  /** Asks the catalog from outside it, the answer on the actor system's dispatcher ({@link Replies}). */
  public static CompletableFuture<CatalogReply> ask(ActorSystem<?> system,
      Function<ActorRef<CatalogReply>, CatalogCommand> message, Duration timeout) {
    return Replies.onDispatcher(system, ref(system).ask(message::apply, timeout));
  }

  private DefinitionCatalog(Clock clock) {
    super(PersistenceId.of(TYPE_KEY.name(), ENTITY_ID),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.clock = clock;
  }

  @Override
  public CatalogState emptyState() {
    return CatalogState.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandler<CatalogCommand, CatalogEvent, CatalogState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(CreateWorkflowDef.class, this::create)
        .onCommand(PutWorkflowDefs.class, this::put)
        .onCommand(GetWorkflowDef.class, (s, c) -> Effect().reply(c.replyTo(),
            s.workflow(c.name(), c.version()).<CatalogReply>map(d -> new WorkflowDefs(List.of(d)))
                .orElseGet(() -> workflowNotFound(c.name(), c.version()))))
        .onCommand(ListWorkflowDefs.class, (s, c) ->
            Effect().reply(c.replyTo(), new WorkflowDefs(s.allWorkflows(c.latestOnly()))))
        .onCommand(DeleteWorkflowDef.class, this::deleteWorkflow)
        .onCommand(PutTaskDefs.class, this::putTaskDefs)
        .onCommand(UpdateTaskDef.class, this::updateTaskDef)
        .onCommand(GetTaskDef.class, (s, c) -> Effect().reply(c.replyTo(),
            Optional.ofNullable(s.taskDefs().get(c.name()))
                .<CatalogReply>map(d -> new TaskDefs(List.of(d)))
                .orElseGet(() -> new NotFound("task definition '" + c.name() + "' not found"))))
        .onCommand(ListTaskDefs.class, (s, c) -> Effect().reply(c.replyTo(), new TaskDefs(s.allTaskDefs())))
        .onCommand(DeleteTaskDef.class, this::deleteTaskDef)
        .onCommand(ResolveForStart.class, (s, c) -> Effect().reply(c.replyTo(), resolve(s, c)))
        .build();
  }

  /** A SUB_WORKFLOW naming a workflow that is neither registered nor in the same request. */
  private static List<String> unknownSubWorkflows(CatalogState s, List<WorkflowDef> defs) {
    java.util.Set<String> given = new java.util.HashSet<>();
    defs.forEach(d -> given.add(d.name()));
    List<String> unknown = new ArrayList<>();
    for (WorkflowDef d : defs) {
      for (String name : io.baton.runtime.definition.DefinitionValidator.subWorkflowNames(d)) {
        if (!given.contains(name) && s.workflow(name, null).isEmpty()) unknown.add(d.name() + " -> " + name);
      }
    }
    return unknown;
  }

  private Effect<CatalogEvent, CatalogState> create(CatalogState s, CreateWorkflowDef c) {
    List<String> unknown = unknownSubWorkflows(s, List.of(c.def()));
    if (!unknown.isEmpty()) {
      return Effect().reply(c.replyTo(), new CatalogReply.Invalid("SUB_WORKFLOW names a workflow that is not registered: " + unknown));
    }
    WorkflowDef def = c.def().withDefaults();
    if (s.workflow(def.name(), def.versionOrDefault()).isPresent()) {
      return Effect().reply(c.replyTo(), new Conflict("workflow definition '" + def.name()
          + "' version " + def.versionOrDefault() + " already exists"));
    }
    long now = clock.millis();
    return Effect().persist(new WorkflowDefStored(def.withTimes(now, null)))
        .thenReply(c.replyTo(), after -> new Done());
  }

  private Effect<CatalogEvent, CatalogState> put(CatalogState s, PutWorkflowDefs c) {
    List<String> unknown = unknownSubWorkflows(s, c.defs());
    if (!unknown.isEmpty()) {
      return Effect().reply(c.replyTo(), new CatalogReply.Invalid("SUB_WORKFLOW names a workflow that is not registered: " + unknown));
    }
    long now = clock.millis();
    List<CatalogEvent> events = new ArrayList<>();
    for (WorkflowDef d : c.defs()) {
      WorkflowDef def = d.withDefaults();
      Long created = s.workflow(def.name(), def.versionOrDefault()).map(WorkflowDef::createTime).orElse(now);
      events.add(new WorkflowDefStored(def.withTimes(created, now)));
    }
    return Effect().persist(events).thenReply(c.replyTo(), after -> new Done());
  }

  private Effect<CatalogEvent, CatalogState> deleteWorkflow(CatalogState s, DeleteWorkflowDef c) {
    if (s.workflow(c.name(), c.version()).isEmpty()) {
      return Effect().reply(c.replyTo(), workflowNotFound(c.name(), c.version()));
    }
    return Effect().persist(new WorkflowDefDeleted(c.name(), c.version()))
        .thenReply(c.replyTo(), after -> new Done());
  }

  private Effect<CatalogEvent, CatalogState> putTaskDefs(CatalogState s, PutTaskDefs c) {
    long now = clock.millis();
    List<CatalogEvent> events = new ArrayList<>();
    for (TaskDef d : c.defs()) {
      TaskDef existing = s.taskDefs().get(d.name());
      events.add(new TaskDefStored(d.withDefaults().withTimes(
          existing == null ? now : existing.createTime(), existing == null ? null : now)));
    }
    return Effect().persist(events).thenReply(c.replyTo(), after -> new Done());
  }

  private Effect<CatalogEvent, CatalogState> updateTaskDef(CatalogState s, UpdateTaskDef c) {
    TaskDef existing = s.taskDefs().get(c.def().name());
    if (existing == null) {
      return Effect().reply(c.replyTo(),
          new NotFound("task definition '" + c.def().name() + "' not found"));
    }
    TaskDef def = c.def().withDefaults().withTimes(existing.createTime(), clock.millis());
    return Effect().persist(new TaskDefStored(def)).thenReply(c.replyTo(), after -> new Done());
  }

  private Effect<CatalogEvent, CatalogState> deleteTaskDef(CatalogState s, DeleteTaskDef c) {
    if (!s.taskDefs().containsKey(c.name())) {
      return Effect().reply(c.replyTo(), new NotFound("task definition '" + c.name() + "' not found"));
    }
    return Effect().persist(new TaskDefDeleted(c.name())).thenReply(c.replyTo(), after -> new Done());
  }

  private static CatalogReply resolve(CatalogState s, ResolveForStart c) {
    if (c.inline() != null) return new WorkflowDefs(List.of(s.snapshot(c.inline().withDefaults())));
    return s.workflow(c.name(), c.version())
        .<CatalogReply>map(d -> new WorkflowDefs(List.of(s.snapshot(d))))
        .orElseGet(() -> workflowNotFound(c.name(), c.version()));
  }

  private static NotFound workflowNotFound(String name, Integer version) {
    return new NotFound(version == null
        ? "workflow definition '" + name + "' not found"
        : "workflow definition '" + name + "' version " + version + " not found");
  }

  @Override
  public EventHandler<CatalogState, CatalogEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(WorkflowDefStored.class, (s, e) -> s.withWorkflow(e.def()))
        .onEvent(WorkflowDefDeleted.class, (s, e) -> s.withoutWorkflow(e.name(), e.version()))
        .onEvent(TaskDefStored.class, (s, e) -> s.withTaskDef(e.def()))
        .onEvent(TaskDefDeleted.class, (s, e) -> s.withoutTaskDef(e.name()))
        .build();
  }
}
