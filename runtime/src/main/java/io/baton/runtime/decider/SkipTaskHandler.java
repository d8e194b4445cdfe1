package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.baton.runtime.decider.DeciderCommand.SkipTask;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.TaskSkipped;
import io.baton.runtime.execution.WorkflowStatus;
import java.util.List;

/**
 * Skip a step that has not run yet: it is recorded SKIPPED (with the given input and output), so
 * the workflow passes it when it gets there. A step that already ran cannot be skipped.
 */
final class SkipTaskHandler implements CommandHandler<SkipTask> {
  @Override
  public Decision handle(ExecutionState state, SkipTask cmd, long now) {
    if (!state.started()) return Decision.reject(Rejection.notFound("workflow " + state.workflowId() + " not found"));
    if (state.status() != WorkflowStatus.RUNNING && state.status() != WorkflowStatus.PAUSED) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " is " + state.status()
          + "; tasks can be skipped only while it runs"));
    }
    WorkflowTask step = find(state.definition().tasks(), cmd.taskReferenceName());
    if (step == null) {
      return Decision.reject(Rejection.notFound("no step '" + cmd.taskReferenceName() + "' in workflow "
          + state.definition().name()));
    }
    TaskState ran = state.latestByRef(cmd.taskReferenceName()).orElse(null);
    if (ran != null) {
      return Decision.reject(Rejection.conflict("task '" + cmd.taskReferenceName() + "' already ran ("
          + ran.status() + "); only a step that has not started can be skipped"));
    }
    TaskState task = TaskFactory.firstAttempt(state, step, "", now);
    if (cmd.taskInput() != null) task = task.withInput(cmd.taskInput());
    TaskState skipped = task.as(TaskStatus.SKIPPED,
        cmd.taskOutput() == null ? JsonNodeFactory.instance.objectNode() : cmd.taskOutput(), 0, Long.MAX_VALUE, now);
    return Decision.accept(Progression.withConsequences(state, List.of(new TaskSkipped(skipped, now)), now));
  }

  static WorkflowTask find(List<WorkflowTask> steps, String ref) {
    if (steps == null) return null;
    for (WorkflowTask t : steps) {
      if (ref.equals(t.taskReferenceName())) return t;
      for (List<WorkflowTask> nested : t.children()) {
        WorkflowTask found = find(nested, ref);
        if (found != null) return found;
      }
    }
    return null;
  }
}
