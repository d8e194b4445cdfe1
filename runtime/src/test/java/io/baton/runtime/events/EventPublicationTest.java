package io.baton.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;
import io.baton.runtime.entity.TaskView;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import org.junit.jupiter.api.Test;

/** The queue an EVENT task's sink names, and the message and output it produces. */
class EventPublicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TaskView eventTask(String sink, String input) throws Exception {
    WorkflowTask wt = JSON.readValue("{\"name\":\"notify\",\"taskReferenceName\":\"notify_ref\",\"type\":\"EVENT\""
        + (sink == null ? "" : ",\"sink\":\"" + sink + "\"") + "}", WorkflowTask.class);
    TaskState task = new TaskState("wf-1_4", "EVENT", TaskStatus.IN_PROGRESS, (ObjectNode) JSON.readTree(input),
        "notify_ref", 0, 4, 1, "notify", 0, 0, 0, 0, 0, false, false, 0, 0, null, null, wt, null, null, null,
        0, null, null, 0);
    return new TaskView(task, "shop", 3, "corr-1", 0);
  }

  @Test
  void conductorAloneNamesTheQueueAfterTheWorkflowAndTheTask() throws Exception {
    var ready = (EventPublication.Ready) EventPublication.prepare(eventTask("conductor", "{\"a\":1}"));
    assertEquals("conductor:shop:notify_ref", ready.queue());
  }

  @Test
  void aNamedConductorQueueIsScopedByTheWorkflowName() throws Exception {
    var ready = (EventPublication.Ready) EventPublication.prepare(eventTask("conductor:orders", "{\"a\":1}"));
    assertEquals("conductor:shop:orders", ready.queue());
    assertEquals("wf-1_4", ready.messageId());
    ObjectNode payload = ready.payload();
    assertEquals(1, payload.get("a").asInt());
    assertEquals("wf-1", payload.get("workflowInstanceId").asText());
    assertEquals("shop", payload.get("workflowType").asText());
    assertEquals(3, payload.get("workflowVersion").asInt());
    assertEquals("corr-1", payload.get("correlationId").asText());
    assertEquals("conductor:orders", payload.get("sink").asText());
    assertEquals("conductor:shop:orders", ready.output().get("event_produced").asText());
    assertEquals(1, ready.output().get("a").asInt());
    assertEquals("wf-1", ready.output().get("workflowInstanceId").asText());
  }

  @Test
  void otherSinksAreRefusedWithTheReason() throws Exception {
    assertEquals("sink type not supported by this server: sqs:my_queue (supported: conductor, conductor:<queue>)",
        ((EventPublication.Refused) EventPublication.prepare(eventTask("sqs:my_queue", "{}"))).reason());
    assertTrue(((EventPublication.Refused) EventPublication.prepare(eventTask("kafka:topic", "{}"))).reason()
        .startsWith("sink type not supported by this server: kafka:topic"));
    assertEquals("no sink specified in the EVENT task",
        ((EventPublication.Refused) EventPublication.prepare(eventTask(null, "{}"))).reason());
    assertEquals("invalid sink: conductorx",
        ((EventPublication.Refused) EventPublication.prepare(eventTask("conductorx", "{}"))).reason());
    assertTrue(EventPublication.prepare(eventTask("conductor:", "{}")) instanceof EventPublication.Refused);
  }
}
