package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.script.ScriptFailure;
import java.util.List;

/**
 * SWITCH (and DECISION, its older form): picks a case when it starts and is done when the chosen
 * case's tasks are. The case comes from an input parameter ({@code value-param}) or a script
 * ({@code javascript} / {@code graaljs}); no match selects {@code defaultCase}.
 */
final class SwitchHandler implements TaskTypeHandler {
  @Override
  public void schedule(Walk walk, WorkflowTask wt, String suffix, WorkflowTask previous) {
    TaskState task = walk.newTask(wt, suffix);
    String selected;
    try {
      selected = caseOf(wt, task.inputData());
    } catch (ScriptFailure e) {
      walk.start(task, TaskStatus.IN_PROGRESS, task.outputData(), task.visibleAt());
      walk.fail(task, "SWITCH '" + wt.taskReferenceName() + "' could not choose a case: " + e.getMessage());
      return;
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.putArray("evaluationResult").add(selected);
    output.put("selectedCase", selected);
    walk.start(task, TaskStatus.COMPLETED, output, task.visibleAt());
  }

  @Override
  public boolean progress(Walk walk, WorkflowTask wt, TaskState task, String suffix) {
    if (task.status() != TaskStatus.COMPLETED) return false;
    String selected = task.outputData().path("selectedCase").asText();
    List<WorkflowTask> branch = wt.decisionCases() == null ? null : wt.decisionCases().get(selected);
    return walk.walk(branch != null ? branch : wt.defaultCase(), suffix);
  }

  static String caseOf(WorkflowTask wt, ObjectNode input) throws ScriptFailure {
    boolean decision = TaskTypes.DECISION.equals(wt.type());
    String evaluator = decision
        ? (wt.caseValueParam() != null ? "value-param" : "javascript")
        : (wt.evaluatorType() == null ? "value-param" : wt.evaluatorType());
    String expression = decision
        ? (wt.caseValueParam() != null ? wt.caseValueParam() : wt.caseExpression())
        : wt.expression();
    JsonNode value = switch (evaluator) {
      case "value-param" -> input.get(expression);
      case "javascript", "graaljs" -> io.baton.runtime.script.Scripts.javaScript().evaluate(expression, input);
      default -> throw new ScriptFailure("unknown evaluatorType '" + evaluator + "'");
    };
    if (value == null || value.isNull()) return "null";
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
