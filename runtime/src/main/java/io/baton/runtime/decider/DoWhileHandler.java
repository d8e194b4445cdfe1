package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent.IterationsRemoved;
import io.baton.runtime.execution.WorkflowEvent.LoopIterated;
import io.baton.runtime.expr.ParameterResolver;
import io.baton.runtime.script.ScriptFailure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * DO_WHILE: runs {@code loopOver} once, then again while {@code loopCondition} holds (and, with
 * {@code items}, once per item). Tasks of iteration n are referenced as {@code ref__n}. The loop's
 * output holds {@code iteration} and each iteration's outputs by number; {@code keepLastN} in its
 * input bounds how many iterations the output and the execution keep (older iterations' tasks are
 * removed, as Conductor removes them from its database).
 */
final class DoWhileHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    JsonNode items;
    try {
      items = items(walk, wt);
    } catch (IllegalArgumentException e) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), Long.MAX_VALUE);
      walk.fail(task, "DO_WHILE '" + wt.taskReferenceName() + "': " + e.getMessage());
      return;
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    if (items != null && items.isEmpty()) {
      output.put("iteration", 0);
      walk.start(task, TaskStatus.COMPLETED, output, task.visibleAt());
      return;
    }
    output.put("iteration", 1);
    withItem(output, items, 1);
    walk.start(withIteration(task, 1), TaskStatus.IN_PROGRESS, output, Long.MAX_VALUE);
  }

  private static TaskState withIteration(TaskState t, int iteration) {
    return t.as(t.status(), t.outputData(), iteration, t.visibleAt(), t.updateTime());
  }

  /**
   * Iterates for as long as the body finishes within this pass (a body of operators and scripts
   * may run every iteration at once); stops when the body waits for something or the loop ends.
   */
  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    TaskState current = task;
    while (true) {
      Boolean done = step(walk, wt, current, suffix);
      if (done != null) return done;
      current = walk.latest(current.referenceTaskName());
    }
  }

  /** One iteration's end: true or false when the loop is decided, null when the next one began. */
  private Boolean step(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    if (task.status().terminal()) return task.status().successful();
    int n = task.iteration();
    String inner = suffix + "__" + n;
    if (!walk.walk(wt.loopOver(), inner) || !walk.running()) return false;

    ObjectNode output = task.outputData().deepCopy();
    ObjectNode iterationOutputs = JsonNodeFactory.instance.objectNode();
    for (WorkflowTask body : flatten(wt.loopOver())) {
      TaskState t = walk.latest(body.taskReferenceName() + inner);
      if (t != null) iterationOutputs.set(body.taskReferenceName(), t.outputData());
    }
    output.set(String.valueOf(n), iterationOutputs);
    output.put("iteration", n);
    int keep = keepLastN(task.inputData());
    if (keep > 0) {
      trimOutput(output, n - keep);
      removeIterations(walk, wt, task, suffix, n - keep);
    }

    boolean again;
    try {
      JsonNode items = items(walk, wt);
      again = items == null || n < items.size();
      if (again && wt.loopCondition() != null && !wt.loopCondition().isBlank()) {
        again = io.baton.runtime.script.Scripts.javaScript().evaluateCondition(wt.loopCondition(),
            conditionInput(task, iterationOutputs, output, wt));
      } else if (items == null) {
        again = false;
      }
      if (again) withItem(output, items, n + 1);
    } catch (ScriptFailure | IllegalArgumentException e) {
      walk.fail(task, "DO_WHILE '" + wt.taskReferenceName() + "' loopCondition failed: " + e.getMessage());
      return false;
    }
    if (!again) {
      walk.complete(task, output);
      return true;
    }
    output.put("iteration", n + 1);
    walk.emit(new LoopIterated(task.taskId(), n + 1, output, walk.now()));
    return null;
  }

  /** Conductor's condition input: the loop's input, each body task's output by plain ref, the loop's own output. */
  private static ObjectNode conditionInput(TaskState loop, ObjectNode iterationOutputs, ObjectNode output,
      WorkflowTask wt) {
    ObjectNode input = loop.inputData().deepCopy();
    input.setAll(iterationOutputs);
    input.set(wt.taskReferenceName(), output);
    return input;
  }

  private static JsonNode items(Walk walk, WorkflowTask wt) {
    if (wt.items() == null) return null;
    JsonNode items = ParameterResolver.resolve(JsonNodeFactory.instance.textNode(wt.items()),
        new StateContext(walk.state()), null);
    if (!items.isArray()) throw new IllegalArgumentException("items must resolve to a list, got " + items);
    return items;
  }

  private static void withItem(ObjectNode output, JsonNode items, int iteration) {
    if (items == null) return;
    output.set("loopItem", items.get(iteration - 1));
    output.put("loopIndex", iteration - 1);
  }

  /** {@code keepLastN} from the loop's input, or 0 when it keeps everything. */
  private static int keepLastN(ObjectNode input) {
    JsonNode keep = input.get("keepLastN");
    return keep == null || !keep.canConvertToInt() || keep.asInt() < 1 ? 0 : keep.asInt();
  }

  private static void trimOutput(ObjectNode output, int upTo) {
    Iterator<String> names = output.fieldNames();
    List<String> drop = new ArrayList<>();
    while (names.hasNext()) {
      String name = names.next();
      if (name.chars().allMatch(Character::isDigit) && Integer.parseInt(name) <= upTo) drop.add(name);
    }
    output.remove(drop);
  }

  /**
   * The finished tasks of iterations 1..upTo leave the execution: each body task's attempts, the
   * tasks of loops nested in the body ({@code ref__i__j}) and the branches a FORK_JOIN_DYNAMIC of
   * the body generated in those iterations.
   */
  private static void removeIterations(Walk walk, WorkflowTask wt, TaskState loop, String suffix, int upTo) {
    if (upTo < 1) return;
    List<TaskState> tasks = walk.state().tasks();
    List<String> bodyRefs = refs(wt.loopOver());
    for (TaskState t : tasks) {
      if (TaskTypes.FORK_JOIN_DYNAMIC.equals(t.taskType()) && t.workflowTask() != null
          && t.workflowTask().forkTasks() != null && inIterations(t.referenceTaskName(), bodyRefs, suffix, upTo)) {
        t.workflowTask().forkTasks().forEach(branch -> bodyRefs.addAll(refs(branch)));
      }
    }
    List<String> removed = new ArrayList<>();
    for (TaskState t : tasks) {
      if (t.status().terminal() && inIterations(t.referenceTaskName(), bodyRefs, suffix, upTo)) {
        removed.add(t.taskId());
      }
    }
    if (!removed.isEmpty()) {
      walk.emit(new IterationsRemoved(loop.taskId(), List.copyOf(removed), walk.now()));
    }
  }

  /** The references of these steps and of every step nested in them. */
  private static List<String> refs(List<WorkflowTask> steps) {
    List<String> refs = new ArrayList<>();
    for (WorkflowTask t : flatten(steps)) refs.add(t.taskReferenceName());
    return refs;
  }

  private static boolean inIterations(String ref, List<String> bodyRefs, String suffix, int upTo) {
    for (String body : bodyRefs) {
      String prefix = body + suffix + "__";
      if (!ref.startsWith(prefix)) continue;
      String rest = ref.substring(prefix.length());
      int end = rest.indexOf("__");
      String number = end < 0 ? rest : rest.substring(0, end);
      if (!number.isEmpty() && number.chars().allMatch(Character::isDigit) && number.length() < 10
          && Integer.parseInt(number) <= upTo) {
        return true;
      }
    }
    return false;
  }

  static List<WorkflowTask> flatten(List<WorkflowTask> steps) {
    List<WorkflowTask> all = new ArrayList<>();
    if (steps == null) return all;
    for (WorkflowTask t : steps) {
      all.add(t);
      for (List<WorkflowTask> nested : t.children()) all.addAll(flatten(nested));
    }
    return all;
  }
}
