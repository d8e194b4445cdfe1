package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * FORK_JOIN_DYNAMIC: the branches come from the task's input at run time, either as task
 * definitions ({@code dynamicForkTasksParam} + {@code dynamicForkTasksInputParamName}) or as one
 * task name with a list of inputs ({@code forkTaskName} + {@code forkTaskInputs}). The generated
 * branches are stored in the task, so replay and the JOIN see the same ones.
 */
final class DynamicForkHandler implements TaskTypeHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    List<WorkflowTask> tasks;
    try {
      tasks = branchesOf(wt, task.inputData());
    } catch (IllegalArgumentException e) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), task.visibleAt());
      walk.fail(task, "FORK_JOIN_DYNAMIC '" + wt.taskReferenceName() + "': " + e.getMessage());
      return;
    }
    List<List<WorkflowTask>> branches = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (WorkflowTask t : tasks) {
      branches.add(List.of(t));
      refs.add(t.taskReferenceName());
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ArrayNode forked = output.putArray("forkedTasks");
    refs.forEach(forked::add);
    walk.start(task.withWorkflowTask(wt.withForkTasks(branches, refs)), TaskStatus.COMPLETED,
        output, task.visibleAt());
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    ForkJoinHandler.walkBranches(walk, task.workflowTask().forkTasks(), suffix);
    return walk.running();
  }

  static List<WorkflowTask> branchesOf(WorkflowTask wt, ObjectNode input) {
    List<WorkflowTask> tasks = new ArrayList<>();
    if (input.hasNonNull("forkTaskName")) {
      String name = input.get("forkTaskName").asText();
      JsonNode inputs = input.get("forkTaskInputs");
      if (inputs == null || !inputs.isArray()) {
        throw new IllegalArgumentException("forkTaskInputs must be a list of inputs, got " + inputs);
      }
      for (int i = 0; i < inputs.size(); i++) {
        if (!inputs.get(i).isObject()) {
          throw new IllegalArgumentException("forkTaskInputs[" + i + "] must be an object, got " + inputs.get(i));
        }
        tasks.add(simple(name, name + "_" + i, (ObjectNode) inputs.get(i)));
      }
      return tasks;
    }
    String tasksParam = wt.dynamicForkTasksParam() != null ? wt.dynamicForkTasksParam() : wt.dynamicForkJoinTasksParam();
    JsonNode list = tasksParam == null ? null : input.get(tasksParam);
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("input '" + tasksParam + "' must be a list of tasks, got " + list);
    }
    JsonNode inputs = wt.dynamicForkTasksInputParamName() == null ? null : input.get(wt.dynamicForkTasksInputParamName());
    if (inputs != null && !inputs.isNull() && !inputs.isObject()) {
      throw new IllegalArgumentException("input '" + wt.dynamicForkTasksInputParamName()
          + "' must map task references to inputs, got " + inputs);
    }
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isObject()) {
        throw new IllegalArgumentException(tasksParam + "[" + i + "] must be a task object, got " + list.get(i));
      }
      ObjectNode node = list.get(i).deepCopy();
      JsonNode ref = node.get("taskReferenceName");
      JsonNode given = inputs == null || ref == null ? null : inputs.get(ref.asText());
      if (given != null && given.isObject()) node.set("inputParameters", given);
      WorkflowTask t;
      try {
        t = MAPPER.treeToValue(node, WorkflowTask.class);
      } catch (Exception e) {
        throw new IllegalArgumentException(tasksParam + "[" + i + "] is not a task: " + e.getMessage());
      }
      if (t == null || t.name() == null || t.taskReferenceName() == null) {
        throw new IllegalArgumentException(tasksParam + "[" + i + "] needs a name and a taskReferenceName");
      }
      if (!refs.add(t.taskReferenceName())) {
        throw new IllegalArgumentException("duplicate taskReferenceName '" + t.taskReferenceName() + "'");
      }
      tasks.add(t);
    }
    return tasks;
  }

  private static WorkflowTask simple(String name, String ref, ObjectNode input) {
    return new WorkflowTask(name, ref, null, "SIMPLE", input, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }
}
