package io.baton.http.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Durable timers across a SIGKILL: a 5 s retry delay, a 5 s WAIT and a 5 s response timeout are
 * armed, the node is killed 2 s later and started again; each fires within 5 s of when it was due
 * (or of the node being back, if later), and none fires twice.
 */
class TimerCrashTest {
  @Test
  void retryDelayWaitAndResponseTimeoutFireAfterARestartOnce() throws Exception {
    Path dir = Files.createTempDirectory("baton-timers");
    // Executions leave memory after 1 s idle, so the WAIT and the silent worker's execution are
    // asleep when the node dies: only their durable wake-ups can bring them back.
    try (ServerProcess server = new ServerProcess(dir, Map.of("BATON_EXECUTION_IDLE_TIMEOUT", "1s"),
        dir.resolve("server.log")).start()) {
      Api api = server.api;
      assertEquals(200, api.post("/metadata/taskdefs", """
          [{"name":"tc_retry","retryCount":1,"retryDelaySeconds":5},
           {"name":"tc_silent","retryCount":1,"retryDelaySeconds":0,"responseTimeoutSeconds":5}]""").status());
      assertEquals(200, api.put("/metadata/workflow", """
          [{"name":"tc_retry_wf","tasks":[{"name":"tc_retry","taskReferenceName":"t"}]},
           {"name":"tc_wait_wf","tasks":[{"name":"nap","taskReferenceName":"nap","type":"WAIT","inputParameters":{"duration":"5s"}}]},
           {"name":"tc_silent_wf","tasks":[{"name":"tc_silent","taskReferenceName":"t"}]}]""").status());
      String retryWf = api.post("/workflow/tc_retry_wf", "{}").body();
      String waitWf = api.post("/workflow/tc_wait_wf", "{}").body();
      String silentWf = api.post("/workflow/tc_silent_wf", "{}").body();
      JsonNode toFail = Api.eventually(Duration.ofSeconds(10), () -> api.get("/tasks/poll/batch/tc_retry?count=1&timeout=500").json(),
          l -> l.size() == 1).get(0);
      Api.eventually(Duration.ofSeconds(10), () -> api.get("/tasks/poll/batch/tc_silent?count=1&timeout=500").json(),
          l -> l.size() == 1);
      assertEquals(200, api.post("/tasks", "{\"workflowInstanceId\":\"" + retryWf + "\",\"taskId\":\""
          + toFail.get("taskId").asText() + "\",\"status\":\"FAILED\"}").status());
      long armedAt = System.currentTimeMillis();
      long dueAt = armedAt + 5_000;

      Api.eventually(Duration.ofSeconds(3), System::currentTimeMillis, t -> t >= armedAt + 2_000);
      server.kill();
      server.start();
      long backAt = System.currentTimeMillis();
      long deadline = Math.max(dueAt, backAt) + 5_000;

      JsonNode retry = Api.eventually(Duration.ofSeconds(20),
          () -> api.get("/tasks/poll/batch/tc_retry?count=1&timeout=500").json(), l -> l.size() == 1).get(0);
      long retryAt = System.currentTimeMillis();
      JsonNode waited = Api.eventually(Duration.ofSeconds(20), () -> api.get("/workflow/" + waitWf).json(),
          w -> w.get("status").asText().equals("COMPLETED"));
      long waitAt = System.currentTimeMillis();
      JsonNode silent = Api.eventually(Duration.ofSeconds(20), () -> api.get("/workflow/" + silentWf).json(),
          w -> w.get("tasks").size() == 2);
      long silentAt = System.currentTimeMillis();

      assertTrue(retryAt <= deadline, "retry pollable " + (retryAt - dueAt) + " ms after due");
      assertTrue(retryAt >= dueAt - 200, "retry delay honoured");
      assertTrue(waitAt <= deadline, "WAIT ended " + (waitAt - dueAt) + " ms after due");
      assertTrue(silentAt <= deadline, "response timeout fired " + (silentAt - dueAt) + " ms after due");
      assertEquals(1, retry.get("retryCount").asInt());
      assertEquals("TIMED_OUT", silent.get("tasks").get(0).get("status").asText());

      // Nothing fires twice: one more period later, still exactly these attempts.
      Api.eventually(Duration.ofSeconds(8), System::currentTimeMillis, t -> t >= deadline + 1_000);
      assertEquals(2, api.get("/workflow/" + retryWf).json().get("tasks").size());
      assertEquals(1, api.get("/workflow/" + waitWf).json().get("tasks").size());
      assertEquals(2, api.get("/workflow/" + silentWf).json().get("tasks").size());
      assertEquals(1, waited.get("tasks").size());
    }
  }
}
