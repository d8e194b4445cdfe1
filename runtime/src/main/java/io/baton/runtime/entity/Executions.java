package io.baton.runtime.entity;

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

  public Executions(ActorSystem<?> system) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
  }

  public CompletableFuture<ExecutionReply> ask(String workflowId,
      Function<ActorRef<ExecutionReply>, ExecutionCommand> message, Duration timeout) {
    return Replies.onDispatcher(system,
        sharding.entityRefFor(WorkflowExecution.TYPE_KEY, workflowId).ask(message::apply, timeout));
  }

  public CompletableFuture<ExecutionReply> decide(String workflowId, DeciderCommand command, Duration timeout) {
    return ask(workflowId, replyTo -> new ExecutionCommand.Decide(command, replyTo), timeout);
  }

  public CompletableFuture<ExecutionReply> read(String workflowId, Duration timeout) {
    return ask(workflowId, ExecutionCommand.GetExecution::new, timeout);
  }
}
