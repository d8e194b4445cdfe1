package io.baton.http.api;

import io.baton.bridge.WorkerBridge;
import io.baton.runtime.catalog.CatalogCommand;
import io.baton.runtime.catalog.CatalogReply;
import io.baton.runtime.catalog.DefinitionCatalog;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.entity.ExecutionCommand;
import io.baton.runtime.entity.ExecutionReply;
import io.baton.runtime.entity.Executions;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/** What the routes talk to: executions, the definition catalog and the worker bridge, by ask. */
public final class Backend {
  private final ActorSystem<?> system;
  private final Executions executions;
  private final WorkerBridge bridge;
  private final Duration timeout;

  public Backend(ActorSystem<?> system, WorkerBridge bridge, Duration timeout) {
    this.system = system;
    this.executions = new Executions(system);
    this.bridge = bridge;
    this.timeout = timeout;
  }

  public WorkerBridge bridge() {
    return bridge;
  }

  public ActorSystem<?> system() {
    return system;
  }

  public CompletionStage<ExecutionReply> execution(String workflowId,
      Function<ActorRef<ExecutionReply>, ExecutionCommand> message) {
    return executions.ask(workflowId, message, timeout);
  }

  public CompletionStage<ExecutionReply> decide(String workflowId, DeciderCommand command) {
    return decide(workflowId, command, timeout);
  }

  /** As {@link #decide(String, DeciderCommand)}, giving up on a reply after {@code timeout}. */
  public CompletionStage<ExecutionReply> decide(String workflowId, DeciderCommand command, Duration timeout) {
    return executions.decide(workflowId, command, timeout);
  }

  /** Starts an execution under a random id just made up here (Executions.startNew). */
  public CompletionStage<ExecutionReply> startNew(String workflowId, DeciderCommand.StartWorkflow start) {
    return executions.startNew(workflowId, start, timeout);
  }

  public CompletionStage<CatalogReply> catalog(Function<ActorRef<CatalogReply>, CatalogCommand> message) {
    return DefinitionCatalog.ask(system, message, timeout);
  }
}
