package io.baton.http.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Event queues across a SIGKILL: workflows publish on an internal queue and the node is killed
 * while their messages are being handled. After the restart every message has been acted on, and
 * acted on once: each waiting HUMAN task completed with its message's payload, and one workflow
 * started per message. An EVENT task the dead node's runner had leased but not finished goes back
 * to its queue when its lease's bound passes (SystemTaskLeases), so the wait allows for that.
 */
class EventCrashTest {
  private static final int MESSAGES = 150;
  private static final Duration WITHIN = Duration.ofSeconds(90);

  @Test
  void messagesPublishedBeforeAKillAreHandledOnceAfterTheRestart() throws Exception {
    Path dir = Files.createTempDirectory("baton-events");
    try (ServerProcess server = new ServerProcess(dir, Map.of(), dir.resolve("server.log")).start()) {
      Api api = server.api;
      assertEquals(200, api.put("/metadata/workflow", """
          [{"name":"ec_waiter","tasks":[{"name":"approval","taskReferenceName":"approval","type":"HUMAN"}],
            "outputParameters":{"verdict":"${approval.output.verdict}"}},
           {"name":"ec_notifier","tasks":[{"name":"publish","taskReferenceName":"publish","type":"EVENT",
             "sink":"conductor:approvals","inputParameters":{"target":"${workflow.input.target}",
             "verdict":"${workflow.input.verdict}"}}]},
           {"name":"ec_started","tasks":[{"name":"n","taskReferenceName":"n","type":"NOOP"}]}]""").status());
      assertEquals(200, api.post("/event", """
          {"name":"ec_approve","event":"conductor:ec_notifier:approvals","actions":[
            {"action":"complete_task","complete_task":{"workflowId":"${target}","taskRefName":"approval",
              "output":{"verdict":"${verdict}"}}},
            {"action":"start_workflow","start_workflow":{"name":"ec_started","correlationId":"${verdict}"}}]}""").status());

      List<String> waiters = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        Api.Reply r = api.post("/workflow/ec_waiter", "{}");
        assertEquals(200, r.status(), r.body());
        waiters.add(r.body());
      }
      List<String> notifiers = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        Api.Reply r = api.post("/workflow/ec_notifier",
            "{\"target\":\"" + waiters.get(i) + "\",\"verdict\":\"v" + i + "\"}");
        assertEquals(200, r.status(), r.body());
        notifiers.add(r.body());
      }
      // No wait: the last messages are still being published and handled when the node dies.
      server.kill();
      server.start();

      for (int i = 0; i < MESSAGES; i++) {
        String waiterId = waiters.get(i);
        String notifierId = notifiers.get(i);
        JsonNode waiter = Api.eventually(WITHIN, () -> api.get("/workflow/" + waiterId).json(),
            w -> w.get("status").asText().equals("COMPLETED"));
        assertEquals("v" + i, waiter.get("output").get("verdict").asText(), waiter.toString());
        assertEquals(1, waiter.get("tasks").size(), "the HUMAN task was completed once: " + waiter);
        Api.eventually(WITHIN, () -> api.get("/workflow/" + notifierId).json(),
            w -> w.get("status").asText().equals("COMPLETED"));
      }
      for (int i = 0; i < MESSAGES; i++) {
        String correlation = "v" + i;
        JsonNode started = Api.eventually(WITHIN,
            () -> api.get("/workflow/ec_started/correlated/" + correlation + "?includeClosed=true").json(),
            list -> list.size() >= 1);
        assertEquals(1, started.size(), "one workflow started for message " + correlation + ": " + started);
      }
    }
  }
}
