package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;

/**
 * START_WORKFLOW: fire and forget. The task completes at once with the new workflow's id in its
 * output; the entity starts that workflow (input {@code startWorkflow}) after persisting.
 */
final class StartWorkflowHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    var request = task.inputData().get("startWorkflow");
    if (request == null || !request.isObject() || !request.hasNonNull("name")) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), Long.MAX_VALUE);
      walk.fail(task, "START_WORKFLOW '" + wt.taskReferenceName()
          + "': input startWorkflow must be an object with a name, got " + request);
      return;
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("workflowId", ChildIds.of(task.taskId()));
    walk.start(task, TaskStatus.COMPLETED, output, task.visibleAt());
  }
}
