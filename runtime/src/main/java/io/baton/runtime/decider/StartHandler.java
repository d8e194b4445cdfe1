package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.decider.DeciderCommand.StartWorkflow;
import io.baton.runtime.execution.ExecutionState;
import io.baton.runtime.execution.WorkflowEvent;
import io.baton.runtime.execution.WorkflowEvent.WorkflowStarted;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Starts an execution and schedules its first task in the same decision. */
final class StartHandler implements CommandHandler<StartWorkflow> {
  @Override
  public Decision handle(ExecutionState state, StartWorkflow cmd, long now) {
    if (state.status() != null) {
      return Decision.reject(Rejection.conflict("workflow " + state.workflowId() + " already exists"));
    }
    ObjectNode input = withDefaults(cmd.input(), cmd.definition().inputTemplate());
    List<WorkflowEvent> started = List.of(new WorkflowStarted(state.workflowId(), cmd.definition(),
        input, cmd.correlationId(), cmd.priority(), cmd.taskToDomain(), cmd.parentWorkflowId(),
        cmd.parentWorkflowTaskId(), now));
    return Decision.accept(Progression.withConsequences(state, started, now));
  }

  /** The definition's inputTemplate supplies values the caller did not give. */
  private static ObjectNode withDefaults(ObjectNode input, ObjectNode template) {
    ObjectNode result = input == null ? JsonNodeFactory.instance.objectNode() : input;
    if (template == null || template.isEmpty()) return result;
    ObjectNode merged = result.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!merged.has(f.getKey())) merged.set(f.getKey(), f.getValue());
    }
    return merged;
  }
}
