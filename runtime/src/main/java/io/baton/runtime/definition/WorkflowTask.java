package io.baton.runtime.definition;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a workflow definition, with the fields of every task type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTask(
    String name,
    String taskReferenceName,
    String description,
    String type,
    ObjectNode inputParameters,
    String dynamicTaskNameParam,
    String caseValueParam,
    String caseExpression,
    String scriptExpression,
    Map<String, List<WorkflowTask>> decisionCases,
    String dynamicForkJoinTasksParam,
    String dynamicForkTasksParam,
    String dynamicForkTasksInputParamName,
    List<WorkflowTask> defaultCase,
    List<List<WorkflowTask>> forkTasks,
    Integer startDelay,
    JsonNode subWorkflowParam,
    List<String> joinOn,
    String sink,
    Boolean optional,
    TaskDef taskDefinition,
    Boolean rateLimited,
    List<String> defaultExclusiveJoinTask,
    Boolean asyncComplete,
    String loopCondition,
    List<WorkflowTask> loopOver,
    Integer retryCount,
    String evaluatorType,
    String expression,
    String items,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

  public WorkflowTask {
    extra = extra == null ? new LinkedHashMap<>() : extra;
  }

  /** The declared type, SIMPLE when none is given. */
  public String typeOrSimple() {
    return type == null || type.isBlank() ? TaskTypes.SIMPLE : type;
  }

  public boolean optionalOrFalse() {
    return Boolean.TRUE.equals(optional);
  }

  public int startDelayOrZero() {
    return startDelay == null ? 0 : startDelay;
  }

  /** Tasks nested directly inside this one (cases, fork branches, loop body). */
  public List<List<WorkflowTask>> children() {
    List<List<WorkflowTask>> lists = new java.util.ArrayList<>();
    if (decisionCases != null) lists.addAll(decisionCases.values());
    if (defaultCase != null) lists.add(defaultCase);
    if (forkTasks != null) lists.addAll(forkTasks);
    if (loopOver != null) lists.add(loopOver);
    return lists;
  }

  /** This task with every nested task list passed through {@code f} (cases, branches, loop body). */
  public WorkflowTask mapNested(java.util.function.UnaryOperator<List<WorkflowTask>> f) {
    Map<String, List<WorkflowTask>> cases = null;
    if (decisionCases != null) {
      cases = new LinkedHashMap<>();
      for (var e : decisionCases.entrySet()) cases.put(e.getKey(), f.apply(e.getValue()));
    }
    List<List<WorkflowTask>> forks = null;
    if (forkTasks != null) {
      forks = new java.util.ArrayList<>();
      for (List<WorkflowTask> branch : forkTasks) forks.add(f.apply(branch));
    }
    return new WorkflowTask(name, taskReferenceName, description, type, inputParameters,
        dynamicTaskNameParam, caseValueParam, caseExpression, scriptExpression, cases,
        dynamicForkJoinTasksParam, dynamicForkTasksParam, dynamicForkTasksInputParamName,
        defaultCase == null ? null : f.apply(defaultCase), forks, startDelay, subWorkflowParam,
        joinOn, sink, optional, taskDefinition, rateLimited, defaultExclusiveJoinTask,
        asyncComplete, loopCondition, loopOver == null ? null : f.apply(loopOver), retryCount,
        evaluatorType, expression, items, extra);
  }

  /** A copy with generated fork branches or join list (FORK_JOIN_DYNAMIC and its JOIN). */
  public WorkflowTask withForkTasks(List<List<WorkflowTask>> branches, List<String> join) {
    return new WorkflowTask(name, taskReferenceName, description, type, inputParameters,
        dynamicTaskNameParam, caseValueParam, caseExpression, scriptExpression, decisionCases,
        dynamicForkJoinTasksParam, dynamicForkTasksParam, dynamicForkTasksInputParamName,
        defaultCase, branches, startDelay, subWorkflowParam, join, sink, optional, taskDefinition,
        rateLimited, defaultExclusiveJoinTask, asyncComplete, loopCondition, loopOver, retryCount,
        evaluatorType, expression, items, extra);
  }

  public WorkflowTask withTaskDefinition(TaskDef def) {
    return new WorkflowTask(name, taskReferenceName, description, type, inputParameters,
        dynamicTaskNameParam, caseValueParam, caseExpression, scriptExpression, decisionCases,
        dynamicForkJoinTasksParam, dynamicForkTasksParam, dynamicForkTasksInputParamName,
        defaultCase, forkTasks, startDelay, subWorkflowParam, joinOn, sink, optional, def,
        rateLimited, defaultExclusiveJoinTask, asyncComplete, loopCondition, loopOver, retryCount,
        evaluatorType, expression, items, extra);
  }
}
