package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.script.ScriptFailure;

/**
 * INLINE: a sandboxed JavaScript {@code expression} with the task's input as {@code $}; output
 * {@code result}. A script that throws, or runs past its time or statement limit, fails the task.
 */
final class InlineHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.SCHEDULED, task.outputData(), task.visibleAt());
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    return SyncTasks.run(walk, task, () -> {
      ObjectNode input = task.inputData();
      String evaluator = input.path("evaluatorType").asText(wt.evaluatorType() == null ? "graaljs" : wt.evaluatorType());
      if (!evaluator.equals("javascript") && !evaluator.equals("graaljs")) {
        throw new ScriptFailure("evaluatorType must be graaljs or javascript, not '" + evaluator + "'");
      }
      String expression = input.hasNonNull("expression") ? input.get("expression").asText() : wt.expression();
      if (expression == null) throw new ScriptFailure("expression is required");
      JsonNode result = io.baton.runtime.script.Scripts.javaScript().evaluate(expression, input);
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.set("result", result);
      return output;
    });
  }
}
