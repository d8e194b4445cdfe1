package io.baton.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.support.Api;
import io.baton.http.support.Api.Reply;
import io.baton.http.support.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker bridge over HTTP: long polls, exactly-one delivery, queue sizes, poll data, domains. */
class PollingApiTest {
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    api = node.api;
    for (String type : List.of("lp_task", "many_task", "dom_task", "v2_task", "single_task")) {
      assertEquals(200, api.post("/metadata/workflow", "{\"name\":\"wf_" + type + "\",\"tasks\":[{\"name\":\""
          + type + "\",\"taskReferenceName\":\"t\"}]}").status());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void aLongPollIsAnsweredWhenATaskIsScheduledNotAtItsTimeout() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Reply> poll = pool.submit(() -> api.get("/tasks/poll/batch/lp_task?count=1&timeout=5000&workerid=lp"));
      // Let the poll reach the queue first: the queue's poll data shows the waiting worker.
      Api.eventually(Duration.ofSeconds(5), () -> api.get("/tasks/queue/polldata?taskType=lp_task").json(),
          data -> data.size() == 1);
      long scheduled = System.nanoTime();
      String id = api.post("/workflow/wf_lp_task", "{}").body();
      Reply reply = poll.get(10, TimeUnit.SECONDS);
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scheduled);
      assertEquals(1, reply.json().size(), reply.body());
      assertEquals(id, reply.json().get(0).get("workflowInstanceId").asText());
      assertTrue(waitedMs < 2500, "answered after " + waitedMs + " ms, not at the 5 s timeout");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyBatchPollWaitsForItsTimeoutAndAnswersAnEmptyList() {
    long t0 = System.nanoTime();
    Reply r = api.get("/tasks/poll/batch/nothing_here?count=5&timeout=300");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(200, r.status());
    assertEquals(0, r.json().size());
    assertTrue(ms >= 250, "returned after " + ms + " ms");
    assertEquals(204, api.get("/tasks/poll/nothing_here?workerid=x").status());
  }

  @Test
  void fiftyConcurrentPollersGetEveryTaskExactlyOnce() throws Exception {
    int workflows = 300;
    Set<String> started = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < workflows; i++) started.add(api.post("/workflow/wf_many_task", "{\"i\":" + i + "}").body());
    Map<String, String> deliveredTo = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Future<?>> pollers = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int p = 0; p < 50; p++) {
      String worker = "poller-" + p;
      pollers.add(pool.submit(() -> {
        Api own = new Api(api.base());
        while (deliveredTo.size() < workflows && System.nanoTime() < deadline) {
          for (JsonNode t : own.get("/tasks/poll/batch/many_task?count=3&timeout=200&workerid=" + worker).json()) {
            if (deliveredTo.putIfAbsent(t.get("taskId").asText(), worker) != null) duplicates.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> f : pollers) f.get(60, TimeUnit.SECONDS);
    pool.shutdownNow();
    assertEquals(0, duplicates.get(), "a task was handed to two workers");
    assertEquals(workflows, deliveredTo.size());
    for (String taskId : deliveredTo.keySet()) {
      assertTrue(started.contains(taskId.substring(0, taskId.lastIndexOf('_'))));
    }
    assertEquals(0, api.get("/tasks/queue/sizes?taskType=many_task").json().get("many_task").asInt());
    assertEquals(0, api.get("/tasks/poll/batch/many_task?count=10&timeout=0").json().size());
  }

  @Test
  void queueSizesCountWaitingTasks() {
    api.post("/workflow/wf_single_task", "{}");
    api.post("/workflow/wf_single_task", "{}");
    Api.eventually(Duration.ofSeconds(5), () -> api.get("/tasks/queue/sizes?taskType=single_task&taskType=none").json(),
        sizes -> sizes.get("single_task").asInt() == 2 && sizes.get("none").asInt() == 0);
    Reply one = api.get("/tasks/poll/single_task?workerid=solo");
    assertEquals(200, one.status());
    assertEquals("solo", one.json().get("workerId").asText());
    assertEquals(1, api.get("/tasks/queue/sizes?taskType=single_task").json().get("single_task").asInt());
  }

  @Test
  void aDomainTaskGoesOnlyToPollersOfThatDomain() {
    String id = api.post("/workflow", "{\"name\":\"wf_dom_task\",\"taskToDomain\":{\"dom_task\":\"blue\"}}").body();
    assertEquals(0, api.get("/tasks/poll/batch/dom_task?count=1&timeout=200").json().size());
    JsonNode t = api.get("/tasks/poll/batch/dom_task?count=1&timeout=1000&domain=blue").json().get(0);
    assertEquals(id, t.get("workflowInstanceId").asText());
    assertEquals("blue", t.get("domain").asText());
  }

  @Test
  void updateV2AnswersWithTheNextTaskOfTheSameType() {
    String first = api.post("/workflow/wf_v2_task", "{}").body();
    String second = api.post("/workflow/wf_v2_task", "{}").body();
    JsonNode t = api.get("/tasks/poll/batch/v2_task?count=1&timeout=1000&workerid=v2").json().get(0);
    Reply next = api.post("/tasks/update-v2", "{\"workflowInstanceId\":\"" + t.get("workflowInstanceId").asText()
        + "\",\"taskId\":\"" + t.get("taskId").asText() + "\",\"status\":\"COMPLETED\",\"workerId\":\"v2\"}");
    assertEquals(200, next.status(), next.body());
    Set<String> both = Set.of(first, second);
    assertTrue(both.contains(next.json().get("workflowInstanceId").asText()));
    assertTrue(!next.json().get("taskId").asText().equals(t.get("taskId").asText()));
    Reply none = api.post("/tasks/update-v2", "{\"workflowInstanceId\":\"" + next.json().get("workflowInstanceId").asText()
        + "\",\"taskId\":\"" + next.json().get("taskId").asText() + "\",\"status\":\"COMPLETED\"}");
    assertEquals(204, none.status());
  }
}
