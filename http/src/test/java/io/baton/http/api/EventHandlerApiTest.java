package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /api/event over real HTTP: add, update, list, read by event, delete, and every refusal. */
class EventHandlerApiTest {
  private static final String HANDLER = """
      {"name":"%s","event":"conductor:shop:orders","condition":"$.amount > 1","active":%s,"owner":"ops",
       "actions":[{"action":"start_workflow","expandInlineJSON":false,
         "start_workflow":{"name":"fulfil","input":{"id":"${orderId}"},"priority":3}}]}""";

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode h : list) out.add(h.get("name").asText());
    return out;
  }

  @Test
  void handlersAreAddedUpdatedListedAndDeletedAndSurviveARestart() throws Exception {
    Path dir = Files.createTempDirectory("baton-events");
    try (TestNode node = TestNode.start(dir, Map.of())) {
      Api api = node.api;
      assertEquals(200, api.post("/event", HANDLER.formatted("h1", "true")).status());
      assertEquals(200, api.post("/event", HANDLER.formatted("h2", "false")).status());
      assertEquals(200, api.post("/event", """
          {"name":"h3","event":"conductor:shop:returns","actions":[{"action":"fail_task","fail_task":{"taskId":"${t}"}}]}""").status());

      assertEquals(List.of("h1", "h2", "h3"), names(api.get("/event").json()));
      assertEquals(List.of("h1"), names(api.get("/event/conductor:shop:orders").json()));
      assertEquals(List.of("h1", "h2"), names(api.get("/event/conductor:shop:orders?activeOnly=false").json()));
      assertEquals(List.of(), names(api.get("/event/conductor:shop:nothing").json()));

      Reply updated = api.put("/event", HANDLER.formatted("h2", "true").replace("$.amount > 1", "$.amount > 9"));
      assertEquals(200, updated.status(), updated.body());
      assertEquals(List.of("h1", "h2"), names(api.get("/event/conductor:shop:orders").json()));

      Reply deleted = api.delete("/event/h1");
      assertEquals(200, deleted.status(), deleted.body());
      assertEquals(List.of("h2", "h3"), names(api.get("/event").json()));
    }
    try (TestNode node = TestNode.start(dir, Map.of())) {
      JsonNode all = node.api.get("/event").json();
      assertEquals(List.of("h2", "h3"), names(all));
      JsonNode h2 = all.get(0);
      assertEquals("$.amount > 9", h2.get("condition").asText());
      assertEquals("ops", h2.get("owner").asText(), "unknown fields come back as they went in");
      assertEquals(3, h2.get("actions").get(0).get("start_workflow").get("priority").asInt());
      assertEquals("${orderId}", h2.get("actions").get(0).get("start_workflow").get("input").get("id").asText());
      assertEquals(false, h2.get("actions").get(0).get("expandInlineJSON").asBoolean());
      assertTrue(all.get(1).get("active").asBoolean(), "active defaults to true");
    }
  }

  @Test
  void badHandlersAreRefusedAndMissingOnesAreNotFound() throws Exception {
    try (TestNode node = TestNode.start()) {
      Api api = node.api;
      Reply empty = api.post("/event", "{}");
      assertEquals(400, empty.status(), empty.body());
      assertEquals(List.of("name", "event", "actions"), paths(empty));

      Reply badActions = api.post("/event", """
          {"name":"x","event":"conductor:a:b","actions":[
            {"action":"explode"},
            {"action":"start_workflow","start_workflow":{"input":{}}},
            {"action":"complete_task","complete_task":{"workflowId":"${w}"}},
            {"action":"fail_task"}]}""");
      assertEquals(400, badActions.status(), badActions.body());
      assertEquals(List.of("actions[0].action", "actions[1].start_workflow.name", "actions[2].complete_task",
          "actions[3].fail_task"), paths(badActions));

      Reply otherSystem = api.post("/event", """
          {"name":"x","event":"sqs:orders","actions":[{"action":"start_workflow","start_workflow":{"name":"w"}}]}""");
      assertEquals(400, otherSystem.status(), otherSystem.body());
      assertEquals(List.of("event"), paths(otherSystem));

      Reply malformed = api.post("/event", "{\"name\":");
      assertEquals(400, malformed.status(), malformed.body());
      assertTrue(malformed.json().get("message").asText().startsWith("malformed JSON"), malformed.body());
      Reply wrongType = api.post("/event", "{\"name\":\"x\",\"actions\":{}}");
      assertEquals(400, wrongType.status(), wrongType.body());
      Reply badQuery = api.get("/event/conductor:a:b?activeOnly=maybe");
      assertEquals(400, badQuery.status(), badQuery.body());

      assertEquals(List.of(), names(api.get("/event").json()), "nothing refused was stored");

      String valid = HANDLER.formatted("dup", "true");
      assertEquals(200, api.post("/event", valid).status());
      Reply duplicate = api.post("/event", valid);
      assertEquals(409, duplicate.status(), duplicate.body());
      assertEquals("event handler 'dup' already exists", duplicate.json().get("message").asText());

      Reply updateMissing = api.put("/event", HANDLER.formatted("ghost", "true"));
      assertEquals(404, updateMissing.status(), updateMissing.body());
      Reply updateInvalid = api.put("/event", "{\"name\":\"dup\"}");
      assertEquals(400, updateInvalid.status(), updateInvalid.body());
      Reply deleteMissing = api.delete("/event/ghost");
      assertEquals(404, deleteMissing.status(), deleteMissing.body());
      assertEquals("event handler 'ghost' not found", deleteMissing.json().get("message").asText());
    }
  }

  private static List<String> paths(Reply r) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : r.json().get("validationErrors")) out.add(e.get("path").asText());
    return out;
  }
}
