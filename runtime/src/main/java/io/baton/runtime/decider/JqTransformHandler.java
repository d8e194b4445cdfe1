package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.script.ScriptFailure;
import java.util.List;

/** JSON_JQ_TRANSFORM: {@code queryExpression} over the task's input; output {@code result} and {@code resultList}. */
final class JqTransformHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    walk.start(task, TaskStatus.SCHEDULED, task.outputData(), task.visibleAt());
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    return SyncTasks.run(walk, task, () -> {
      JsonNode query = task.inputData().get("queryExpression");
      if (query == null || !query.isTextual()) throw new ScriptFailure("queryExpression is required");
      List<JsonNode> results = io.baton.runtime.script.Scripts.jq().evaluate(query.asText(), task.inputData());
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.set("result", results.isEmpty() ? JsonNodeFactory.instance.nullNode() : results.get(0));
      ArrayNode list = output.putArray("resultList");
      results.forEach(list::add);
      return output;
    });
  }
}
