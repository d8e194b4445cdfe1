package io.baton.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.expr.ExpressionContext;
import io.baton.runtime.expr.ParameterResolver;
import io.baton.runtime.script.ScriptFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides what one message does: which handlers match (same event, active, condition true) and
 * the commands their actions become. No I/O: the queue entity runs the commands.
 *
 * <p>Expressions in action parameters are read against the payload as Conductor does (JSONPath
 * over the payload document): {@code ${workflowInstanceId}}, {@code ${$.order.id}} and
 * {@code ${order.items[0]}} all name fields of the payload. The whole payload ({@code ${$}}) is
 * not addressable; a path that finds nothing is null.
 */
public final class EventProcessor {
  public static final String MESSAGE_ID = "conductor.event.messageId";
  public static final String EVENT_NAME = "conductor.event.name";

  private final Conditions conditions;

  public EventProcessor(Conditions conditions) {
    this.conditions = conditions;
  }

  /** The commands to run, in handler-name then action order, and what could not be made into one. */
  public record Plan(List<ActionCommand> commands, List<String> problems) {}

  public Plan plan(String queue, QueuedMessage message, List<EventHandlerDef> handlers) {
    List<ActionCommand> commands = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode payload = message.payload() == null ? JsonNodeFactory.instance.objectNode() : message.payload();
    List<EventHandlerDef> matching = new ArrayList<>();
    for (EventHandlerDef h : handlers) {
      if (queue.equals(h.event()) && h.activeOrDefault()) matching.add(h);
    }
    matching.sort(Comparator.comparing(EventHandlerDef::name));
    // Conditions always see inline JSON expanded (as in Conductor); actions only when they ask.
    JsonNode expanded = matching.isEmpty() ? payload : InlineJson.expand(payload);
    for (EventHandlerDef h : matching) {
      try {
        if (!conditions.holds(h.evaluatorType(), h.condition(), expanded)) continue;
      } catch (ScriptFailure | RuntimeException e) {
        problems.add("handler '" + h.name() + "': condition could not be evaluated: " + e.getMessage());
        continue;
      }
      List<HandlerAction> actions = h.actions() == null ? List.of() : h.actions();
      for (int i = 0; i < actions.size(); i++) {
        HandlerAction a = actions.get(i);
        JsonNode source = a.expandsInlineJson() ? expanded : payload;
        String where = "handler '" + h.name() + "' actions[" + i + "] (" + a.action() + ")";
        try {
          ActionCommand c = command(queue, message.id(), h.name(), i, a, source);
          if (c == null) {
            problems.add(where + ": its target resolved to nothing in the payload " + abbreviate(source.toString()));
          } else {
            commands.add(c);
          }
        } catch (RuntimeException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
    }
    return new Plan(List.copyOf(commands), List.copyOf(problems));
  }

  private static ActionCommand command(String queue, String messageId, String handler, int index,
      HandlerAction a, JsonNode payload) {
    ExpressionContext ctx = name -> payload.get(name);
    return switch (a.action() == null ? "" : a.action()) {
      case HandlerAction.START_WORKFLOW -> start(queue, messageId, handler, index, a.startWorkflow(), payload, ctx);
      case HandlerAction.COMPLETE_TASK -> update(queue, messageId, handler, index,
          TaskResult.Status.COMPLETED, a.completeTask(), ctx);
      case HandlerAction.FAIL_TASK -> update(queue, messageId, handler, index,
          TaskResult.Status.FAILED, a.failTask(), ctx);
      case HandlerAction.TERMINATE_WORKFLOW -> terminate(handler, index, a.terminateWorkflow(), ctx);
      default -> throw new IllegalArgumentException("unknown action '" + a.action() + "'");
    };
  }

  private static ActionCommand start(String queue, String messageId, String handler, int index,
      StartWorkflowParams p, JsonNode payload, ExpressionContext ctx) {
    if (p == null || blank(p.name())) throw new IllegalArgumentException("start_workflow.name is missing");
    ObjectNode input = ParameterResolver.resolveObject(p.input(), ctx, null);
    input.put(MESSAGE_ID, messageId);
    input.put(EVENT_NAME, queue);
    String correlationId = p.correlationId() == null ? null : text(resolve(p.correlationId(), ctx));
    Map<String, String> taskToDomain = p.taskToDomain() != null ? p.taskToDomain() : domains(payload.get("taskToDomain"));
    String key = queue + '\0' + messageId + '\0' + handler + '\0' + index;
    String workflowId = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    return new ActionCommand.StartWorkflow(handler, index, workflowId, p.name(), p.version(), input,
        correlationId, taskToDomain);
  }

  private static ActionCommand update(String queue, String messageId, String handler, int index,
      TaskResult.Status status, TaskDetails d, ExpressionContext ctx) {
    if (d == null) throw new IllegalArgumentException("the action's task details are missing");
    ObjectNode template = JsonNodeFactory.instance.objectNode();
    putIfPresent(template, "workflowId", d.workflowId());
    putIfPresent(template, "taskId", d.taskId());
    putIfPresent(template, "taskRefName", d.taskRefName());
    putIfPresent(template, "reasonForIncompletion", d.reasonForIncompletion());
    if (d.output() != null) template.setAll(d.output());
    ObjectNode resolved = ParameterResolver.resolveObject(template, ctx, null);
    String workflowId = text(resolved.get("workflowId"));
    String taskId = text(resolved.get("taskId"));
    String taskRefName = text(resolved.get("taskRefName"));
    if (blank(taskId) && (blank(workflowId) || blank(taskRefName))) return null;
    String reason = text(resolved.get("reasonForIncompletion"));
    if (reason == null && status == TaskResult.Status.FAILED) reason = "failed by event handler '" + handler + "'";
    ObjectNode output = resolved;
    output.put(MESSAGE_ID, messageId);
    output.put(EVENT_NAME, queue);
    return new ActionCommand.UpdateTask(handler, index, status, workflowId, blank(taskId) ? null : taskId,
        taskRefName, output, reason);
  }

  private static ActionCommand terminate(String handler, int index, TerminateParams p, ExpressionContext ctx) {
    if (p == null) throw new IllegalArgumentException("terminate_workflow is missing");
    String workflowId = text(resolve(p.workflowId(), ctx));
    if (blank(workflowId)) return null;
    String reason = p.terminationReason() == null ? null : text(resolve(p.terminationReason(), ctx));
    return new ActionCommand.TerminateWorkflow(handler, index, workflowId,
        reason == null ? "terminated by event handler '" + handler + "'" : reason);
  }

  private static JsonNode resolve(String template, ExpressionContext ctx) {
    return template == null ? null : ParameterResolver.resolve(TextNode.valueOf(template), ctx, null);
  }

  /** A scalar's text; null for null or missing; JSON text for objects and arrays. */
  private static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    if (v.isValueNode()) return v.asText();
    return v.toString();
  }

  private static Map<String, String> domains(JsonNode v) {
    if (v == null || !v.isObject()) return null;
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String value = text(f.getValue());
      if (value != null) out.put(f.getKey(), value);
    }
    return out.isEmpty() ? null : out;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) node.put(field, value);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
