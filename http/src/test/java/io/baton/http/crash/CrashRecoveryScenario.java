package io.baton.http.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 200 three-task workflows; workers complete part of them; the server is SIGKILLed and started
 * again on the same database; the workers finish. Then every workflow must be COMPLETED, every
 * task's output exactly what its worker sent, and no task handed out after its completion was
 * acknowledged.
 */
final class CrashRecoveryScenario {
  private static final int WORKFLOWS = 200;
  private static final List<String> TYPES = List.of("crash_a", "crash_b", "crash_c");

  /** What the workers saw: when each task was handed out, and what was acknowledged. */
  private final Map<String, List<Long>> handedOut = new ConcurrentHashMap<>();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, String> sentOutput = new ConcurrentHashMap<>();
  private final AtomicInteger completions = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();

  void run(ServerProcess server) throws Exception {
    Api api = server.api;
    StringBuilder defs = new StringBuilder("[");
    for (String t : TYPES) {
      if (defs.length() > 1) defs.append(',');
      // A short response timeout brings back a task whose poll answer died with the server.
      defs.append("{\"name\":\"").append(t).append("\",\"retryCount\":3,\"retryDelaySeconds\":0,")
          .append("\"responseTimeoutSeconds\":3}");
    }
    assertEquals(200, api.post("/metadata/taskdefs", defs.append(']').toString()).status());
    assertEquals(200, api.put("/metadata/workflow", """
        [{"name":"crash_wf","version":1,"tasks":[
          {"name":"crash_a","taskReferenceName":"a","inputParameters":{"n":"${workflow.input.n}"}},
          {"name":"crash_b","taskReferenceName":"b","inputParameters":{"prev":"${a.output.token}"}},
          {"name":"crash_c","taskReferenceName":"c","inputParameters":{"prev":"${b.output.token}"}}]}]""").status());

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < WORKFLOWS; i++) {
      var r = api.post("/workflow/crash_wf", "{\"n\":" + i + "}");
      assertEquals(200, r.status(), r.body());
      ids.add(r.body());
    }

    ExecutorService workers = Executors.newFixedThreadPool(TYPES.size() * 2);
    for (String type : TYPES) {
      for (int w = 0; w < 2; w++) {
        String workerId = type + "-worker-" + w;
        workers.submit(() -> work(api, type, workerId));
      }
    }
    Api.eventually(Duration.ofSeconds(60), completions::get, n -> n >= WORKFLOWS);
    server.kill();
    int atKill = completions.get();
    server.start();

    try {
      for (String id : ids) {
        Api.eventually(Duration.ofSeconds(90), () -> api.get("/workflow/" + id + "?includeTasks=false"),
            r -> r.status() == 200 && r.json().get("status").asText().equals("COMPLETED"));
      }
    } finally {
      stop.set(true);
      workers.shutdown();
      workers.awaitTermination(30, TimeUnit.SECONDS);
    }
    assertTrue(atKill < WORKFLOWS * 3, "the kill came before the work was done");

    for (String id : ids) {
      JsonNode wf = api.get("/workflow/" + id).json();
      for (JsonNode task : wf.get("tasks")) {
        if (!task.get("status").asText().equals("COMPLETED")) continue;
        String taskId = task.get("taskId").asText();
        assertEquals(sentOutput.get(taskId), task.get("outputData").toString(),
            "output of " + taskId + " is exactly what its worker sent");
      }
      JsonNode last = wf.get("tasks").get(wf.get("tasks").size() - 1);
      assertEquals("c", last.get("referenceTaskName").asText());
    }
    for (var e : acknowledged.entrySet()) {
      for (long handed : handedOut.getOrDefault(e.getKey(), List.of())) {
        assertTrue(handed <= e.getValue(), "task " + e.getKey() + " was handed out after its completion");
      }
    }
  }

  private void work(Api api, String type, String workerId) {
    while (!stop.get()) {
      JsonNode tasks;
      try {
        var r = api.get("/tasks/poll/batch/" + type + "?count=5&timeout=200&workerid=" + workerId);
        if (r.status() != 200) continue;
        tasks = r.json();
      } catch (AssertionError serverDown) {
        pause();
        continue;
      }
      for (JsonNode t : tasks) {
        String taskId = t.get("taskId").asText();
        handedOut.computeIfAbsent(taskId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(System.nanoTime());
        String output = "{\"token\":\"" + taskId + "\",\"by\":\"" + workerId + "\"}";
        sentOutput.put(taskId, output);
        String body = "{\"workflowInstanceId\":\"" + t.get("workflowInstanceId").asText() + "\",\"taskId\":\""
            + taskId + "\",\"status\":\"COMPLETED\",\"workerId\":\"" + workerId + "\",\"outputData\":" + output + "}";
        // Like the SDKs, a worker retries an update until the server takes it.
        while (!stop.get()) {
          try {
            if (api.post("/tasks", body).status() == 200) {
              acknowledged.put(taskId, System.nanoTime());
              completions.incrementAndGet();
              break;
            }
          } catch (AssertionError serverDown) {
            // fall through to the pause and try again
          }
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
