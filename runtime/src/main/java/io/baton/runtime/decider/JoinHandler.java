package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import java.util.List;

/**
 * JOIN: in progress until every task it joins on has ended; its output maps each joined
 * reference to that task's output. After a FORK_JOIN_DYNAMIC it joins the generated branches.
 */
final class JoinHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    if ((wt.joinOn() == null || wt.joinOn().isEmpty()) && previous != null
        && TaskTypes.FORK_JOIN_DYNAMIC.equals(previous.type())) {
      TaskState fork = walk.latest(previous.taskReferenceName() + suffix);
      List<String> generated = fork == null ? List.of() : fork.workflowTask().joinOn();
      task = task.withWorkflowTask(wt.withForkTasks(null, generated == null ? List.of() : generated));
    }
    walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), Long.MAX_VALUE);
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    if (task.status().terminal()) return task.status().successful();
    List<String> joinOn = task.workflowTask().joinOn() == null ? List.of() : task.workflowTask().joinOn();
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    for (String ref : joinOn) {
      TaskState joined = walk.latest(ref + suffix);
      if (joined == null || !joined.status().terminal()) return false;
      output.set(ref, joined.outputData());
    }
    walk.complete(task, output);
    return true;
  }
}
