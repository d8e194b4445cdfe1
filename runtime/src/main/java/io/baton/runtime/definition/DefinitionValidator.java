package io.baton.runtime.definition;

import io.baton.runtime.expr.ExpressionValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks definitions at registration, so an execution never meets a definition it cannot run. */
public final class DefinitionValidator {
  private static final Set<String> WORKFLOW_TIMEOUT_POLICIES = Set.of("TIME_OUT_WF", "ALERT_ONLY");
  private static final Set<String> TASK_TIMEOUT_POLICIES = Set.of("RETRY", "TIME_OUT_WF", "ALERT_ONLY");
  private static final Set<String> RETRY_LOGICS =
      Set.of(TaskDef.FIXED, TaskDef.LINEAR_BACKOFF, TaskDef.EXPONENTIAL_BACKOFF);

  private DefinitionValidator() {}

  public static List<ValidationError> validate(WorkflowDef def) {
    List<ValidationError> errors = new ArrayList<>();
    if (def == null) {
      errors.add(new ValidationError("", "a workflow definition is required"));
      return errors;
    }
    if (blank(def.name())) errors.add(new ValidationError("name", "must not be blank"));
    if (def.version() != null && def.version() < 1) {
      errors.add(new ValidationError("version", "must be 1 or more"));
    }
    if (def.timeoutPolicy() != null && !WORKFLOW_TIMEOUT_POLICIES.contains(def.timeoutPolicy())) {
      errors.add(new ValidationError("timeoutPolicy", "must be one of " + WORKFLOW_TIMEOUT_POLICIES));
    }
    if (def.timeoutSeconds() != null && def.timeoutSeconds() < 0) {
      errors.add(new ValidationError("timeoutSeconds", "must not be negative"));
    }
    if ("TIME_OUT_WF".equals(def.timeoutPolicy())
        && (def.timeoutSeconds() == null || def.timeoutSeconds() <= 0)) {
      errors.add(new ValidationError("timeoutSeconds", "must be more than 0 when timeoutPolicy is TIME_OUT_WF"));
    }
    if (def.tasks() == null || def.tasks().isEmpty()) {
      errors.add(new ValidationError("tasks", "must not be empty"));
    } else {
      validateTasks("tasks", def.tasks(), new HashSet<>(), errors);
    }
    if (def.outputParameters() != null) {
      toErrors(ExpressionValidator.validate("outputParameters", def.outputParameters()), errors);
    }
    return errors;
  }

  private static void validateTasks(String path, List<WorkflowTask> tasks, Set<String> refs,
      List<ValidationError> errors) {
    for (int i = 0; i < tasks.size(); i++) {
      String at = path + "[" + i + "]";
      WorkflowTask task = tasks.get(i);
      if (task == null) {
        errors.add(new ValidationError(at, "must not be null"));
        continue;
      }
      if (blank(task.name())) errors.add(new ValidationError(at + ".name", "must not be blank"));
      if (blank(task.taskReferenceName())) {
        errors.add(new ValidationError(at + ".taskReferenceName", "must not be blank"));
      } else if (!refs.add(task.taskReferenceName())) {
        errors.add(new ValidationError(at + ".taskReferenceName",
            "duplicate taskReferenceName '" + task.taskReferenceName() + "'"));
      }
      if (!TaskTypes.isSupported(task.type())) {
        errors.add(new ValidationError(at + ".type",
            "task type '" + task.type() + "' is not supported by this server"));
      }
      validateOperator(at, task, errors);
      if (task.retryCount() != null && task.retryCount() < 0) {
        errors.add(new ValidationError(at + ".retryCount", "must not be negative"));
      }
      if (task.startDelay() != null && task.startDelay() < 0) {
        errors.add(new ValidationError(at + ".startDelay", "must not be negative"));
      }
      if (task.inputParameters() != null) {
        toErrors(ExpressionValidator.validate(at + ".inputParameters", task.inputParameters()), errors);
      }
      if (task.taskDefinition() != null) {
        for (ValidationError e : validate(task.taskDefinition(), false)) {
          errors.add(new ValidationError(at + ".taskDefinition." + e.path(), e.message()));
        }
      }
      if (task.decisionCases() != null) {
        task.decisionCases().forEach((key, branch) ->
            validateTasks(at + ".decisionCases." + key, branch, refs, errors));
      }
      if (task.defaultCase() != null) validateTasks(at + ".defaultCase", task.defaultCase(), refs, errors);
      if (task.forkTasks() != null) {
        for (int b = 0; b < task.forkTasks().size(); b++) {
          validateTasks(at + ".forkTasks[" + b + "]", task.forkTasks().get(b), refs, errors);
        }
      }
      if (task.loopOver() != null) validateTasks(at + ".loopOver", task.loopOver(), refs, errors);
    }
  }

  /** Names of workflows the definition's SUB_WORKFLOW tasks start by name (not inline). */
  public static List<String> subWorkflowNames(WorkflowDef def) {
    List<String> names = new ArrayList<>();
    collectSubWorkflows(def.tasks(), names);
    return names;
  }

  private static void collectSubWorkflows(List<WorkflowTask> tasks, List<String> names) {
    if (tasks == null) return;
    for (WorkflowTask t : tasks) {
      if (t == null) continue;
      var param = t.subWorkflowParam();
      if (TaskTypes.SUB_WORKFLOW.equals(t.type()) && param != null && param.hasNonNull("name")
          && !param.path("workflowDefinition").isObject()) {
        names.add(param.get("name").asText());
      }
      for (List<WorkflowTask> nested : t.children()) collectSubWorkflows(nested, names);
    }
  }

  /** The fields each operator needs to run, checked before anything runs. */
  private static void validateOperator(String at, WorkflowTask task, List<ValidationError> errors) {
    String type = task.typeOrSimple();
    switch (type) {
      case TaskTypes.SWITCH -> {
        String evaluator = task.evaluatorType() == null ? "value-param" : task.evaluatorType();
        if (!Set.of("value-param", "javascript", "graaljs").contains(evaluator)) {
          errors.add(new ValidationError(at + ".evaluatorType", "must be value-param, javascript or graaljs"));
        }
        if (blank(task.expression())) errors.add(new ValidationError(at + ".expression", "is required for SWITCH"));
        requireCases(at, task, errors);
      }
      case TaskTypes.DECISION -> {
        if (blank(task.caseValueParam()) && blank(task.caseExpression())) {
          errors.add(new ValidationError(at + ".caseValueParam", "DECISION needs caseValueParam or caseExpression"));
        }
        requireCases(at, task, errors);
      }
      case TaskTypes.FORK_JOIN -> {
        if (task.forkTasks() == null || task.forkTasks().isEmpty()) {
          errors.add(new ValidationError(at + ".forkTasks", "FORK_JOIN needs at least one branch"));
        }
      }
      case TaskTypes.FORK_JOIN_DYNAMIC -> {
        boolean byName = task.inputParameters() != null && task.inputParameters().has("forkTaskName");
        if (!byName && blank(task.dynamicForkTasksParam()) && blank(task.dynamicForkJoinTasksParam())) {
          errors.add(new ValidationError(at + ".dynamicForkTasksParam",
              "FORK_JOIN_DYNAMIC needs dynamicForkTasksParam or inputParameters.forkTaskName"));
        }
      }
      case TaskTypes.DO_WHILE -> {
        if (task.loopOver() == null || task.loopOver().isEmpty()) {
          errors.add(new ValidationError(at + ".loopOver", "DO_WHILE needs at least one task"));
        }
        if (blank(task.loopCondition()) && blank(task.items())) {
          errors.add(new ValidationError(at + ".loopCondition", "DO_WHILE needs loopCondition or items"));
        }
      }
      case TaskTypes.DYNAMIC -> {
        if (blank(task.dynamicTaskNameParam())) {
          errors.add(new ValidationError(at + ".dynamicTaskNameParam", "is required for DYNAMIC"));
        }
      }
      case TaskTypes.TERMINATE -> {
        var status = task.inputParameters() == null ? null : task.inputParameters().get("terminationStatus");
        if (status == null || !Set.of("COMPLETED", "FAILED").contains(status.asText())) {
          errors.add(new ValidationError(at + ".inputParameters.terminationStatus", "must be COMPLETED or FAILED"));
        }
      }
      case TaskTypes.JSON_JQ_TRANSFORM -> {
        var query = task.inputParameters() == null ? null : task.inputParameters().get("queryExpression");
        if (query == null || !query.isTextual()) {
          errors.add(new ValidationError(at + ".inputParameters.queryExpression", "is required"));
        } else if (!query.asText().contains("${")) {
          for (String problem : io.baton.runtime.script.JqEvaluator.validate(query.asText())) {
            errors.add(new ValidationError(at + ".inputParameters.queryExpression", problem));
          }
        }
      }
      case TaskTypes.SUB_WORKFLOW -> {
        var param = task.subWorkflowParam();
        boolean named = param != null && param.hasNonNull("name") && !param.get("name").asText().isBlank();
        boolean inline = param != null && param.path("workflowDefinition").isObject();
        if (!named && !inline) {
          errors.add(new ValidationError(at + ".subWorkflowParam", "needs a name or a workflowDefinition"));
        }
      }
      case TaskTypes.INLINE -> {
        var expression = task.inputParameters() == null ? null : task.inputParameters().get("expression");
        if (expression == null || !expression.isTextual()) {
          errors.add(new ValidationError(at + ".inputParameters.expression", "is required"));
        }
      }
      default -> { }
    }
  }

  private static void requireCases(String at, WorkflowTask task, List<ValidationError> errors) {
    if ((task.decisionCases() == null || task.decisionCases().isEmpty())
        && (task.defaultCase() == null || task.defaultCase().isEmpty())) {
      errors.add(new ValidationError(at + ".decisionCases", "needs decisionCases or a defaultCase"));
    }
  }

  public static List<ValidationError> validate(TaskDef def) {
    return validate(def, true);
  }

  private static List<ValidationError> validate(TaskDef def, boolean nameRequired) {
    List<ValidationError> errors = new ArrayList<>();
    if (def == null) {
      errors.add(new ValidationError("", "a task definition is required"));
      return errors;
    }
    if (nameRequired && blank(def.name())) errors.add(new ValidationError("name", "must not be blank"));
    nonNegative("retryCount", def.retryCount(), errors);
    nonNegative("timeoutSeconds", def.timeoutSeconds(), errors);
    nonNegative("retryDelaySeconds", def.retryDelaySeconds(), errors);
    nonNegative("pollTimeoutSeconds", def.pollTimeoutSeconds(), errors);
    nonNegative("totalTimeoutSeconds", def.totalTimeoutSeconds(), errors);
    nonNegative("maxRetryDelaySeconds", def.maxRetryDelaySeconds(), errors);
    nonNegative("backoffJitterMs", def.backoffJitterMs(), errors);
    nonNegative("concurrentExecLimit", def.concurrentExecLimit(), errors);
    nonNegative("rateLimitPerFrequency", def.rateLimitPerFrequency(), errors);
    if (def.responseTimeoutSeconds() != null && def.responseTimeoutSeconds() < 1) {
      errors.add(new ValidationError("responseTimeoutSeconds", "must be 1 or more"));
    }
    if (def.backoffScaleFactor() != null && def.backoffScaleFactor() < 1) {
      errors.add(new ValidationError("backoffScaleFactor", "must be 1 or more"));
    }
    if (def.timeoutSeconds() != null && def.timeoutSeconds() > 0
        && def.responseTimeoutSeconds() != null && def.responseTimeoutSeconds() > def.timeoutSeconds()) {
      errors.add(new ValidationError("responseTimeoutSeconds",
          "must not exceed timeoutSeconds (" + def.timeoutSeconds() + ")"));
    }
    if (def.retryLogic() != null && !RETRY_LOGICS.contains(def.retryLogic())) {
      errors.add(new ValidationError("retryLogic", "must be one of " + RETRY_LOGICS));
    }
    if (def.timeoutPolicy() != null && !TASK_TIMEOUT_POLICIES.contains(def.timeoutPolicy())) {
      errors.add(new ValidationError("timeoutPolicy", "must be one of " + TASK_TIMEOUT_POLICIES));
    }
    return errors;
  }

  private static void nonNegative(String field, Number value, List<ValidationError> errors) {
    if (value != null && value.longValue() < 0) {
      errors.add(new ValidationError(field, "must not be negative"));
    }
  }

  private static void toErrors(List<ExpressionValidator.Problem> problems, List<ValidationError> errors) {
    for (ExpressionValidator.Problem p : problems) errors.add(new ValidationError(p.path(), p.message()));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
