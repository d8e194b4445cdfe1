package io.baton.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.runtime.definition.ValidationError;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandlerValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> paths(String json) throws Exception {
    return EventHandlerValidator.validate(JSON.readValue(json, EventHandlerDef.class)).stream()
        .map(ValidationError::path).toList();
  }

  @Test
  void aCompleteHandlerIsValid() throws Exception {
    assertEquals(List.of(), paths("""
        {"name":"h","event":"conductor:wf:q","condition":"$.a > 1","actions":[
          {"action":"start_workflow","start_workflow":{"name":"x"}},
          {"action":"complete_task","complete_task":{"workflowId":"${w}","taskRefName":"t"}},
          {"action":"fail_task","fail_task":{"taskId":"${t}"}},
          {"action":"terminate_workflow","terminate_workflow":{"workflowId":"${w}"}}]}"""));
  }

  @Test
  void requiredFieldsAreNamed() throws Exception {
    assertEquals(List.of("name", "event", "actions"), paths("{}"));
    assertEquals(List.of("actions"), paths("{\"name\":\"h\",\"event\":\"conductor:a:b\",\"actions\":[]}"));
  }

  @Test
  void eachBadActionIsReportedAtItsPath() throws Exception {
    assertEquals(List.of("actions[0].action", "actions[1].start_workflow", "actions[2].start_workflow.name",
        "actions[3].complete_task", "actions[4].fail_task", "actions[5].action", "actions[6].terminate_workflow.workflowId"),
        paths("""
        {"name":"h","event":"conductor:a:b","actions":[
          {"action":"explode"},
          {"action":"start_workflow"},
          {"action":"start_workflow","start_workflow":{"version":1}},
          {"action":"complete_task","complete_task":{"workflowId":"w"}},
          {"action":"fail_task"},
          {},
          {"action":"terminate_workflow","terminate_workflow":{}}]}"""));
  }

  @Test
  void eventsOfOtherSystemsAndUnknownEvaluatorsAreRefused() throws Exception {
    List<ValidationError> errors = EventHandlerValidator.validate(JSON.readValue("""
        {"name":"h","event":"sqs:orders","condition":"x","evaluatorType":"python",
         "actions":[{"action":"start_workflow","start_workflow":{"name":"x"}}]}""", EventHandlerDef.class));
    assertEquals(2, errors.size());
    assertTrue(errors.get(0).message().contains("only conductor:<workflowName>:<queue> events"), errors.toString());
    assertEquals("evaluatorType", errors.get(1).path());
  }
}
