package io.baton.runtime.entity;

import io.baton.runtime.catalog.CatalogCommand;
import io.baton.runtime.catalog.CatalogReply;
import io.baton.runtime.catalog.DefinitionCatalog;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.Rejection;
import io.baton.runtime.decider.TaskResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChildWorkflows} through the catalog and the sharded executions, on any node. */
final class ShardedChildWorkflows implements ChildWorkflows {
  private static final Logger LOG = LoggerFactory.getLogger(ShardedChildWorkflows.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final ActorSystem<?> system;
  private final Executions executions;

  ShardedChildWorkflows(ActorSystem<?> system) {
    this.system = system;
    this.executions = new Executions(system);
  }

  @Override
  public void start(ChildStart start) {
    DefinitionCatalog.ask(system,
            r -> new CatalogCommand.ResolveForStart(start.name(), start.version(), start.inline(), r), TIMEOUT)
        .thenCompose(reply -> {
          if (reply instanceof CatalogReply.WorkflowDefs defs) {
            return decide(start.workflowId(), new DeciderCommand.StartWorkflow(defs.defs().get(0), start.input(),
                start.correlationId(), start.priority(), start.taskToDomain(), start.parentWorkflowId(),
                start.parentTaskId())).thenCompose(started -> afterStart(start, started));
          }
          String why = reply instanceof CatalogReply.NotFound nf ? nf.message() : String.valueOf(reply);
          reportFailure(start, "could not start sub-workflow: " + why);
          return CompletableFuture.completedFuture(null);
        })
        .whenComplete((done, error) -> {
          if (error != null) LOG.warn("starting workflow {} failed: {}", start.workflowId(), error.toString());
        });
  }

  /** Already there (a repeated start): if it has ended, its parent hears about it again. */
  private CompletionStage<Void> afterStart(ChildStart start, ExecutionReply reply) {
    boolean exists = reply instanceof ExecutionReply.Rejected r && r.rejection().kind() == Rejection.Kind.CONFLICT;
    if (!exists || start.parentWorkflowId() == null) return CompletableFuture.completedFuture(null);
    return read(start.workflowId())
        .thenAccept(read -> {
          if (read instanceof ExecutionReply.Execution e && e.state().status().terminal()) {
            report(start.parentWorkflowId(), ChildWorkflows.endOf(e.state()));
          }
        });
  }

  private void reportFailure(ChildStart start, String reason) {
    if (start.parentWorkflowId() == null) {
      LOG.warn("START_WORKFLOW {}: {}", start.workflowId(), reason);
      return;
    }
    decide(start.parentWorkflowId(), new DeciderCommand.UpdateTask(new TaskResult(start.parentWorkflowId(),
        start.parentTaskId(), "FAILED", null, reason, null, null, null, null)));
  }

  @Override
  public void terminate(String workflowId, String reason) {
    decide(workflowId, new DeciderCommand.TerminateWorkflow(reason));
  }

  @Override
  public void report(String parentWorkflowId, DeciderCommand.ChildEnded end) {
    decide(parentWorkflowId, end);
  }

  @Override
  public void retry(String childWorkflowId, String parentWorkflowId) {
    decide(childWorkflowId, new DeciderCommand.RetryWorkflow(true)).thenCompose(reply -> {
      if (!(reply instanceof ExecutionReply.Rejected)) return CompletableFuture.completedFuture(null);
      // Not retryable (it completed, or is gone): the parent hears its end again.
      return read(childWorkflowId)
          .thenAccept(read -> {
            if (read instanceof ExecutionReply.Execution e && e.state().status().terminal()) {
              report(parentWorkflowId, ChildWorkflows.endOf(e.state()));
            }
          });
    }).whenComplete((done, error) -> {
      if (error != null) LOG.warn("retrying child {} failed: {}", childWorkflowId, error.toString());
    });
  }

  private CompletionStage<ExecutionReply> read(String workflowId) {
    return executions.read(workflowId, TIMEOUT);
  }

  private CompletionStage<ExecutionReply> decide(String workflowId, DeciderCommand command) {
    return executions.decide(workflowId, command, TIMEOUT);
  }
}
