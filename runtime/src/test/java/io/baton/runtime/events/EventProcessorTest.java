package io.baton.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.script.JavaScriptEvaluator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matching, conditions and parameter resolution of event handlers, without actors. */
class EventProcessorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "conductor:shop:orders";
  private static JavaScriptEvaluator js;
  private static EventProcessor processor;

  @BeforeAll
  static void start() {
    js = new JavaScriptEvaluator(JavaScriptEvaluator.Limits.defaults());
    processor = new EventProcessor(new Conditions(() -> js));
  }

  @AfterAll
  static void stop() {
    js.close();
  }

  private static EventHandlerDef handler(String json) {
    try {
      return JSON.readValue(json, EventHandlerDef.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static QueuedMessage message(String id, String payload) {
    try {
      return new QueuedMessage(id, (ObjectNode) JSON.readTree(payload), 1L);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String ORDER = """
      {"orderId":"o-7","amount":250,"customer":{"id":"c1","tier":"gold"},"items":[{"sku":"a"},{"sku":"b"}],
       "workflowInstanceId":"wf-src","workflowType":"shop","correlationId":null}""";

  @Test
  void startWorkflowResolvesItsInputAgainstThePayload() {
    EventHandlerDef h = handler("""
        {"name":"start_fulfil","event":"conductor:shop:orders","actions":[{"action":"start_workflow",
          "start_workflow":{"name":"fulfil","version":2,"correlationId":"${orderId}",
            "input":{"id":"${orderId}","tier":"${$.customer.tier}","first":"${items[0].sku}",
                     "all":"${customer}","text":"order ${orderId} for ${customer.id}","missing":"${nope}","fixed":5}}}]}""");
    EventProcessor.Plan plan = processor.plan(QUEUE, message("m1", ORDER), List.of(h));

    assertEquals(List.of(), plan.problems());
    ActionCommand.StartWorkflow s = (ActionCommand.StartWorkflow) plan.commands().get(0);
    assertEquals("fulfil", s.name());
    assertEquals(2, s.version());
    assertEquals("o-7", s.correlationId());
    assertEquals("o-7", s.input().get("id").asText());
    assertEquals("gold", s.input().get("tier").asText());
    assertEquals("a", s.input().get("first").asText());
    assertEquals("c1", s.input().get("all").get("id").asText());
    assertEquals("order o-7 for c1", s.input().get("text").asText());
    assertTrue(s.input().get("missing").isNull());
    assertEquals(5, s.input().get("fixed").asInt());
    assertEquals("m1", s.input().get(EventProcessor.MESSAGE_ID).asText());
    assertEquals(QUEUE, s.input().get(EventProcessor.EVENT_NAME).asText());
  }

  @Test
  void theStartedWorkflowIdIsTheSameForTheSameMessageAndDiffersOtherwise() {
    EventHandlerDef h = handler("""
        {"name":"h","event":"conductor:shop:orders","actions":[
          {"action":"start_workflow","start_workflow":{"name":"a"}},
          {"action":"start_workflow","start_workflow":{"name":"a"}}]}""");
    List<ActionCommand> first = processor.plan(QUEUE, message("m1", ORDER), List.of(h)).commands();
    List<ActionCommand> again = processor.plan(QUEUE, message("m1", ORDER), List.of(h)).commands();
    List<ActionCommand> other = processor.plan(QUEUE, message("m2", ORDER), List.of(h)).commands();
    String id = ((ActionCommand.StartWorkflow) first.get(0)).workflowId();
    assertEquals(id, ((ActionCommand.StartWorkflow) again.get(0)).workflowId());
    assertNotEquals(id, ((ActionCommand.StartWorkflow) first.get(1)).workflowId());
    assertNotEquals(id, ((ActionCommand.StartWorkflow) other.get(0)).workflowId());
  }

  @Test
  void onlyActiveHandlersOfThisEventWhoseConditionHoldsAct() {
    List<EventHandlerDef> handlers = List.of(
        handler("""
            {"name":"big","event":"conductor:shop:orders","condition":"$.amount > 100",
             "actions":[{"action":"start_workflow","start_workflow":{"name":"big"}}]}"""),
        handler("""
            {"name":"small","event":"conductor:shop:orders","condition":"$.amount <= 100",
             "actions":[{"action":"start_workflow","start_workflow":{"name":"small"}}]}"""),
        handler("""
            {"name":"gold","event":"conductor:shop:orders","evaluatorType":"value-param","condition":"isGold",
             "actions":[{"action":"start_workflow","start_workflow":{"name":"gold"}}]}"""),
        handler("""
            {"name":"off","event":"conductor:shop:orders","active":false,
             "actions":[{"action":"start_workflow","start_workflow":{"name":"off"}}]}"""),
        handler("""
            {"name":"elsewhere","event":"conductor:shop:returns",
             "actions":[{"action":"start_workflow","start_workflow":{"name":"elsewhere"}}]}"""));

    List<ActionCommand> big = processor.plan(QUEUE, message("m", ORDER), handlers).commands();
    assertEquals(List.of("big"), names(big));

    List<ActionCommand> small = processor.plan(QUEUE,
        message("m", "{\"amount\":5,\"isGold\":true}"), handlers).commands();
    assertEquals(List.of("gold", "small"), names(small));
  }

  @Test
  void aConditionThatThrowsIsReportedAndItsHandlerDoesNothing() {
    EventHandlerDef h = handler("""
        {"name":"broken","event":"conductor:shop:orders","condition":"$.customer.address.city == 'x'",
         "actions":[{"action":"start_workflow","start_workflow":{"name":"a"}}]}""");
    EventProcessor.Plan plan = processor.plan(QUEUE, message("m", ORDER), List.of(h));
    assertEquals(List.of(), plan.commands());
    assertEquals(1, plan.problems().size());
    assertTrue(plan.problems().get(0).contains("handler 'broken': condition could not be evaluated"),
        plan.problems().toString());
  }

  @Test
  void completeTaskByReferenceCarriesTheResolvedOutput() {
    EventHandlerDef h = handler("""
        {"name":"approve","event":"conductor:shop:orders","actions":[{"action":"complete_task",
          "complete_task":{"workflowId":"${target}","taskRefName":"approval","output":{"verdict":"${verdict}","n":"${amount}"}}}]}""");
    EventProcessor.Plan plan = processor.plan(QUEUE,
        message("m9", "{\"target\":\"wf-a\",\"verdict\":\"yes\",\"amount\":3}"), List.of(h));

    ActionCommand.UpdateTask u = (ActionCommand.UpdateTask) plan.commands().get(0);
    assertEquals(TaskResult.Status.COMPLETED, u.status());
    assertEquals("wf-a", u.workflowId());
    assertEquals("approval", u.taskRefName());
    assertNull(u.taskId());
    assertNull(u.reasonForIncompletion());
    assertEquals("yes", u.output().get("verdict").asText());
    assertEquals(3, u.output().get("n").asInt());
    assertEquals("m9", u.output().get(EventProcessor.MESSAGE_ID).asText());
    assertEquals(QUEUE, u.output().get(EventProcessor.EVENT_NAME).asText());
  }

  @Test
  void failTaskByIdTakesItsReasonFromThePayloadOrSaysWhichHandlerFailedIt() {
    EventHandlerDef h = handler("""
        {"name":"reject","event":"conductor:shop:orders","actions":[
          {"action":"fail_task","fail_task":{"taskId":"${task}","reasonForIncompletion":"${why}"}},
          {"action":"fail_task","fail_task":{"taskId":"${task}"}}]}""");
    List<ActionCommand> commands = processor.plan(QUEUE,
        message("m", "{\"task\":\"wf-a_3\",\"why\":\"out of stock\"}"), List.of(h)).commands();
    ActionCommand.UpdateTask withReason = (ActionCommand.UpdateTask) commands.get(0);
    ActionCommand.UpdateTask without = (ActionCommand.UpdateTask) commands.get(1);
    assertEquals(TaskResult.Status.FAILED, withReason.status());
    assertEquals("wf-a_3", withReason.taskId());
    assertEquals("out of stock", withReason.reasonForIncompletion());
    assertEquals("failed by event handler 'reject'", without.reasonForIncompletion());
  }

  @Test
  void anActionWhoseTargetResolvesToNothingIsAProblemNotACommand() {
    EventHandlerDef h = handler("""
        {"name":"approve","event":"conductor:shop:orders","actions":[
          {"action":"complete_task","complete_task":{"workflowId":"${target}","taskRefName":"approval"}},
          {"action":"terminate_workflow","terminate_workflow":{"workflowId":"${target}"}}]}""");
    EventProcessor.Plan plan = processor.plan(QUEUE, message("m", "{\"other\":1}"), List.of(h));
    assertEquals(List.of(), plan.commands());
    assertEquals(2, plan.problems().size());
    assertTrue(plan.problems().get(0).startsWith("handler 'approve' actions[0] (complete_task): its target resolved to nothing"),
        plan.problems().get(0));
  }

  @Test
  void expandInlineJsonLetsExpressionsReachIntoJsonHeldInStrings() {
    String payload = "{\"body\":\"{\\\"workflowId\\\":\\\"wf-b\\\",\\\"tags\\\":[\\\"x\\\"]}\",\"note\":\"{not json\"}";
    EventHandlerDef expanded = handler("""
        {"name":"h","event":"conductor:shop:orders","actions":[{"action":"complete_task","expandInlineJSON":true,
          "complete_task":{"workflowId":"${body.workflowId}","taskRefName":"t","output":{"tag":"${body.tags[0]}","note":"${note}"}}}]}""");
    ActionCommand.UpdateTask u = (ActionCommand.UpdateTask)
        processor.plan(QUEUE, message("m", payload), List.of(expanded)).commands().get(0);
    assertEquals("wf-b", u.workflowId());
    assertEquals("x", u.output().get("tag").asText());
    assertEquals("{not json", u.output().get("note").asText());

    EventHandlerDef plain = handler("""
        {"name":"h","event":"conductor:shop:orders","actions":[{"action":"complete_task",
          "complete_task":{"workflowId":"${body.workflowId}","taskRefName":"t"}}]}""");
    assertEquals(1, processor.plan(QUEUE, message("m", payload), List.of(plain)).problems().size());
  }

  @Test
  void taskToDomainComesFromTheHandlerOrElseFromThePayload() {
    EventHandlerDef fromPayload = handler("""
        {"name":"h","event":"conductor:shop:orders","actions":[{"action":"start_workflow","start_workflow":{"name":"a"}}]}""");
    EventHandlerDef fromHandler = handler("""
        {"name":"h","event":"conductor:shop:orders","actions":[{"action":"start_workflow",
          "start_workflow":{"name":"a","taskToDomain":{"*":"blue"}}}]}""");
    QueuedMessage m = message("m", "{\"taskToDomain\":{\"*\":\"green\"}}");
    assertEquals(Map.of("*", "green"),
        ((ActionCommand.StartWorkflow) processor.plan(QUEUE, m, List.of(fromPayload)).commands().get(0)).taskToDomain());
    assertEquals(Map.of("*", "blue"),
        ((ActionCommand.StartWorkflow) processor.plan(QUEUE, m, List.of(fromHandler)).commands().get(0)).taskToDomain());
  }

  private static List<String> names(List<ActionCommand> commands) {
    return commands.stream().map(c -> ((ActionCommand.StartWorkflow) c).name()).toList();
  }
}
