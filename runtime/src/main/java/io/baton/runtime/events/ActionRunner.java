package io.baton.runtime.events;

import io.baton.runtime.catalog.CatalogCommand;
import io.baton.runtime.catalog.CatalogReply;
import io.baton.runtime.catalog.DefinitionCatalog;
import io.baton.runtime.decider.DeciderCommand;
import io.baton.runtime.decider.Rejection;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.entity.ExecutionReply;
import io.baton.runtime.entity.Executions;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskIds;
import io.baton.runtime.execution.TaskState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Sends an {@link ActionCommand} to the executions and the definition catalog, by ask. Every
 * action is safe to repeat: a workflow started under the same derived id is found already there,
 * and an update of a task that already ended changes nothing.
 */
public final class ActionRunner {
  private final ActorSystem<?> system;
  private final Executions executions;
  private final Duration timeout;

  public ActionRunner(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.executions = new Executions(system);
    this.timeout = timeout;
  }

  public CompletionStage<ActionOutcome> run(ActionCommand command) {
    CompletionStage<ActionOutcome> outcome;
    if (command instanceof ActionCommand.StartWorkflow s) {
      outcome = start(s);
    } else if (command instanceof ActionCommand.UpdateTask u) {
      outcome = update(u);
    } else if (command instanceof ActionCommand.TerminateWorkflow t) {
      outcome = decide(t.workflowId(), new DeciderCommand.TerminateWorkflow(t.reason()))
          .thenApply(ActionRunner::accepted);
    } else {
      throw new IllegalArgumentException("unknown action command " + command);
    }
    // A timeout or a failed ask may have been applied or not: the whole message is tried again.
    return outcome.exceptionally(e -> ActionOutcome.failedForNow(String.valueOf(unwrap(e))));
  }

  private CompletionStage<ActionOutcome> start(ActionCommand.StartWorkflow s) {
    return DefinitionCatalog.ask(system, r -> new CatalogCommand.ResolveForStart(s.name(), s.version(), null, r), timeout)
        .thenCompose(reply -> {
          if (reply instanceof CatalogReply.WorkflowDefs defs && !defs.defs().isEmpty()) {
            return decide(s.workflowId(), new DeciderCommand.StartWorkflow(defs.defs().get(0), s.input(),
                s.correlationId(), 0, s.taskToDomain(), null, null))
                .thenApply(r -> r instanceof ExecutionReply.Rejected rejected
                    && rejected.rejection().kind() == Rejection.Kind.CONFLICT
                    ? ActionOutcome.ok() // started by an earlier pass over the same message
                    : accepted(r));
          }
          String why = reply instanceof CatalogReply.NotFound nf ? nf.message() : "unexpected reply " + reply;
          return CompletableFuture.completedFuture(ActionOutcome.failed(why));
        });
  }

  private CompletionStage<ActionOutcome> update(ActionCommand.UpdateTask u) {
    if (u.taskId() != null) {
      String workflowId = TaskIds.workflowIdOf(u.taskId());
      if (workflowId == null) {
        return CompletableFuture.completedFuture(ActionOutcome.failed("task " + u.taskId() + " not found"));
      }
      return report(workflowId, u.taskId(), u);
    }
    return executions.read(u.workflowId(), timeout)
        .thenCompose(reply -> {
          if (!(reply instanceof ExecutionReply.Execution e)) {
            return CompletableFuture.completedFuture(accepted(reply));
          }
          Optional<TaskState> task = latest(e.state(), u.taskRefName());
          if (task.isEmpty()) {
            return CompletableFuture.completedFuture(ActionOutcome.failed("no task '" + u.taskRefName()
                + "' in workflow " + u.workflowId()));
          }
          return report(u.workflowId(), task.get().taskId(), u);
        });
  }

  private CompletionStage<ActionOutcome> report(String workflowId, String taskId, ActionCommand.UpdateTask u) {
    TaskResult result = new TaskResult(workflowId, taskId, u.status().name(), u.output(),
        u.reasonForIncompletion(), null, null, null, null);
    return decide(workflowId, new DeciderCommand.UpdateTask(result)).thenApply(ActionRunner::accepted);
  }

  /** The latest attempt of the reference, or of its latest loop iteration ({@code ref__N}). */
  static Optional<TaskState> latest(ExecutionState state, String ref) {
    for (int i = state.tasks().size() - 1; i >= 0; i--) {
      String r = state.tasks().get(i).referenceTaskName();
      if (r.equals(ref) || isIteration(r, ref)) return Optional.of(state.tasks().get(i));
    }
    return Optional.empty();
  }

  private static boolean isIteration(String candidate, String ref) {
    String prefix = ref + "__";
    if (!candidate.startsWith(prefix) || candidate.length() == prefix.length()) return false;
    return candidate.substring(prefix.length()).chars().allMatch(Character::isDigit);
  }

  private CompletionStage<ExecutionReply> decide(String workflowId, DeciderCommand command) {
    return executions.decide(workflowId, command, timeout);
  }

  private static ActionOutcome accepted(ExecutionReply reply) {
    if (reply instanceof ExecutionReply.Rejected rejected) return ActionOutcome.failed(rejected.rejection().message());
    return ActionOutcome.ok();
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) e = e.getCause();
    return e;
  }
}
