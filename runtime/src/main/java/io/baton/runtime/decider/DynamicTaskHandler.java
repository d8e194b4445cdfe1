package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.TaskScheduled;

/** DYNAMIC: a worker task whose type is named at run time by an input parameter. */
final class DynamicTaskHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    String param = wt.dynamicTaskNameParam();
    JsonNode name = param == null ? null : task.inputData().get(param);
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), task.visibleAt());
      walk.fail(task, "DYNAMIC task '" + wt.taskReferenceName() + "': input parameter '" + param
          + "' must name the task to run, got " + name);
      return;
    }
    WorkflowTask resolved = new WorkflowTask(name.asText(), wt.taskReferenceName(), wt.description(),
        "SIMPLE", wt.inputParameters(), null, null, null, null, null, null, null, null, null, null,
        wt.startDelay(), null, null, null, wt.optional(), wt.taskDefinition(), null, null, null, null,
        null, wt.retryCount(), null, null, null, wt.extra());
    TaskState concrete = walk.newTask(resolved, suffix);
    walk.emit(new TaskScheduled(concrete, walk.now()));
  }
}
