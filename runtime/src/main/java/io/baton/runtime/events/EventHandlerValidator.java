package io.baton.runtime.events;

import io.baton.runtime.definition.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What makes an event handler registrable; every problem is reported, each with its path. */
public final class EventHandlerValidator {
  private static final Set<String> ACTIONS = Set.of(HandlerAction.START_WORKFLOW,
      HandlerAction.COMPLETE_TASK, HandlerAction.FAIL_TASK, HandlerAction.TERMINATE_WORKFLOW);

  private EventHandlerValidator() {}

  public static List<ValidationError> validate(EventHandlerDef h) {
    List<ValidationError> errors = new ArrayList<>();
    if (blank(h.name())) errors.add(new ValidationError("name", "is required"));
    if (blank(h.event())) {
      errors.add(new ValidationError("event", "is required"));
    } else if (!EventSink.isConductorEvent(h.event())) {
      errors.add(new ValidationError("event", "'" + h.event() + "' is not an event this server receives: "
          + "only conductor:<workflowName>:<queue> events are supported"));
    }
    if (!blank(h.condition()) && !Conditions.knows(h.evaluatorType())) {
      errors.add(new ValidationError("evaluatorType", "must be one of " + Conditions.EVALUATOR_TYPES
          + ", not '" + h.evaluatorType() + "'"));
    }
    if (h.actions() == null || h.actions().isEmpty()) {
      errors.add(new ValidationError("actions", "at least one action is required"));
      return errors;
    }
    for (int i = 0; i < h.actions().size(); i++) {
      validate(h.actions().get(i), "actions[" + i + "]", errors);
    }
    return errors;
  }

  private static void validate(HandlerAction a, String path, List<ValidationError> errors) {
    if (a == null) {
      errors.add(new ValidationError(path, "must not be null"));
      return;
    }
    if (blank(a.action())) {
      errors.add(new ValidationError(path + ".action", "is required"));
      return;
    }
    if (!ACTIONS.contains(a.action())) {
      errors.add(new ValidationError(path + ".action", "must be one of complete_task, fail_task, "
          + "start_workflow, terminate_workflow, not '" + a.action() + "'"));
      return;
    }
    switch (a.action()) {
      case HandlerAction.START_WORKFLOW -> {
        String p = path + ".start_workflow";
        if (a.startWorkflow() == null) {
          errors.add(new ValidationError(p, "is required for action start_workflow"));
        } else if (blank(a.startWorkflow().name())) {
          errors.add(new ValidationError(p + ".name", "is required"));
        }
      }
      case HandlerAction.COMPLETE_TASK -> taskDetails(a.completeTask(), path + ".complete_task", errors);
      case HandlerAction.FAIL_TASK -> taskDetails(a.failTask(), path + ".fail_task", errors);
      case HandlerAction.TERMINATE_WORKFLOW -> {
        String p = path + ".terminate_workflow";
        if (a.terminateWorkflow() == null) {
          errors.add(new ValidationError(p, "is required for action terminate_workflow"));
        } else if (blank(a.terminateWorkflow().workflowId())) {
          errors.add(new ValidationError(p + ".workflowId", "is required"));
        }
      }
      default -> throw new IllegalStateException(a.action());
    }
  }

  private static void taskDetails(TaskDetails d, String path, List<ValidationError> errors) {
    if (d == null) {
      errors.add(new ValidationError(path, "is required for this action"));
    } else if (blank(d.taskId()) && (blank(d.workflowId()) || blank(d.taskRefName()))) {
      errors.add(new ValidationError(path, "needs taskId, or workflowId and taskRefName"));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
