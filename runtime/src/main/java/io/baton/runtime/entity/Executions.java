package io.baton.runtime.entity;

import io.baton.persistence.NewPersistenceIds;
import io.baton.runtime.Replies;
import io.baton.runtime.decider.DeciderCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * How code outside an execution asks one, on whichever node it lives: by workflow id through
 * sharding, with the answer handed over on the actor system's dispatcher ({@link Replies}).
 */
public final class Executions {
  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final NewPersistenceIds newIds;

  public Executions(ActorSystem<?> system) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.newIds = NewPersistenceIds.get(system);
  }

  public CompletableFuture<ExecutionReply> ask(String workflowId,
      Function<ActorRef<ExecutionReply>, ExecutionCommand> message, Duration timeout) {
    return Replies.onDispatcher(system,
        sharding.entityRefFor(WorkflowExecution.TYPE_KEY, workflowId).ask(message::apply, timeout));
  }

  public CompletableFuture<ExecutionReply> decide(String workflowId, DeciderCommand command, Duration timeout) {
    return ask(workflowId, replyTo -> new ExecutionCommand.Decide(command, replyTo), timeout);
  }

  /**
   * Starts an execution under an id the caller has just made up (a random UUID): the entity skips
   * the journal reads of its recovery, as there cannot be anything to read (NewPersistenceIds).
   * Never for an id a client chose or one derived from another execution.
   */
  public CompletableFuture<ExecutionReply> startNew(String workflowId, DeciderCommand.StartWorkflow start,
      Duration timeout) {
    String persistenceId = WorkflowExecution.persistenceId(workflowId).id();
    newIds.register(persistenceId);
    return decide(workflowId, start, timeout).whenComplete((reply, error) -> newIds.forget(persistenceId));
  }

  public CompletableFuture<ExecutionReply> read(String workflowId, Duration timeout) {
    return ask(workflowId, ExecutionCommand.GetExecution::new, timeout);
  }
}
