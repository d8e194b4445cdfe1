package io.baton.http.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.runtime.execution.TaskIds;
import io.baton.runtime.execution.TaskStatus;
import io.baton.runtime.execution.WorkflowEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Three-task workflows started and worked through every node of a cluster, round-robin, by clients
 * that behave like SDKs configured with several server URLs: a call that cannot reach a node
 * (connection refused or reset) or that the node answers 503 (shutting down, or an entity on a
 * node that is gone did not answer in time) is sent again to the next node. Starts carry an
 * idempotency key and task updates are idempotent, so sending again is safe.
 */
final class ClusterLoad {
  static final List<String> TYPES = List.of("cl_a", "cl_b", "cl_c");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 40;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<ClusterNode> targets;
  private final int workflows;
  private final String run;

  /** Workflow ids by start index. */
  final Map<Integer, String> ids = new ConcurrentHashMap<>();
  /** When each task was handed out (nanoTime), and through which node. */
  final Map<String, List<Long>> handedOut = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> handedOutBy = new ConcurrentHashMap<>();
  /**
   * When each task's completion was first acknowledged, and how often.
   */
  final Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> acknowledgements = new ConcurrentHashMap<>();
  final Map<String, String> sentOutput = new ConcurrentHashMap<>();
  /** Calls that failed for good (after every retry), and the attempts sent again. */
  final List<String> failures = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> retriedBecause = new ConcurrentHashMap<>();
  final AtomicLong lastHandOutNanos = new AtomicLong();
  /** Acknowledged updates that reached their attempt after it had timed out (set by verifyJournal). */
  int staleAcknowledgements;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger rotation = new AtomicInteger();
  private ExecutorService threads;

  ClusterLoad(List<ClusterNode> targets, int workflows, String run) {
    this.targets = targets;
    this.workflows = workflows;
    this.run = run;
  }

  /** Task and workflow definitions (through the first node). */
  void define() {
    StringBuilder defs = new StringBuilder("[");
    for (String t : TYPES) {
      if (defs.length() > 1) defs.append(',');
      // A poll answer lost with a killed node comes back after the response timeout.
      defs.append("{\"name\":\"").append(t).append("\",\"retryCount\":5,\"retryDelaySeconds\":0,")
          .append("\"responseTimeoutSeconds\":5}");
    }
    assertEquals(200, call("POST", "/metadata/taskdefs", defs.append(']').toString()).status());
    assertEquals(200, call("PUT", "/metadata/workflow", """
        [{"name":"cl_wf","version":1,"tasks":[
          {"name":"cl_a","taskReferenceName":"a","inputParameters":{"n":"${workflow.input.n}"}},
          {"name":"cl_b","taskReferenceName":"b","inputParameters":{"prev":"${a.output.token}"}},
          {"name":"cl_c","taskReferenceName":"c","inputParameters":{"prev":"${b.output.token}"}}]}]""").status());
  }

  /** Starts the workflows (one thread) and the workers (per type) in the background. */
  void begin(int workersPerType) {
    threads = Executors.newFixedThreadPool(1 + TYPES.size() * workersPerType);
    threads.submit(() -> {
      for (int i = 0; i < workflows && !stop.get(); i++) {
        String body = "{\"name\":\"cl_wf\",\"version\":1,\"input\":{\"n\":" + i + "},\"idempotencyKey\":\""
            + run + "-" + i + "\"}";
        Reply r = call("POST", "/workflow", body);
        if (r.status() == 200) ids.put(i, r.body());
      }
    });
    for (String type : TYPES) {
      for (int w = 0; w < workersPerType; w++) {
        String workerId = type + "-" + w;
        threads.submit(() -> work(type, workerId));
      }
    }
  }

  int completions() {
    return acknowledged.size();
  }

  int total() {
    return workflows * TYPES.size();
  }

  void end() throws InterruptedException {
    stop.set(true);
    threads.shutdown();
    assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "clients stopped");
  }

  private void work(String type, String workerId) {
    while (!stop.get()) {
      Reply r = call("GET", "/tasks/poll/batch/" + type + "?count=5&timeout=500&workerid=" + workerId, null);
      if (r.status() != 200) continue;
      for (JsonNode t : parse(r.body())) {
        String taskId = t.get("taskId").asText();
        handedOut.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        handedOutBy.computeIfAbsent(r.node(), k -> new AtomicInteger()).incrementAndGet();
        lastHandOutNanos.set(System.nanoTime());
        String output = "{\"token\":\"" + taskId + "\",\"by\":\"" + workerId + "\"}";
        sentOutput.put(taskId, output);
        String body = "{\"workflowInstanceId\":\"" + t.get("workflowInstanceId").asText() + "\",\"taskId\":\""
            + taskId + "\",\"status\":\"COMPLETED\",\"workerId\":\"" + workerId + "\",\"outputData\":" + output + "}";
        if (call("POST", "/tasks", body).status() == 200) {
          acknowledged.putIfAbsent(taskId, new Ack(System.nanoTime(), System.currentTimeMillis()));
          acknowledgements.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
        }
      }
    }
  }

  record Reply(int status, String body, String node) {}

  /** An acknowledgement's instant: nanoTime against hand-outs, wall clock against the journal's times. */
  record Ack(long nanos, long wallMillis) {}

  /** One request to one node: its answer, or why the request should go to the next node. */
  private record Attempt(Reply answer, String retryBecause, String detail) {}

  /** One client call, sent again to the next node on a connection failure or a 503. */
  Reply call(String method, String path, String body) {
    String last = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<ClusterNode> nodes = List.copyOf(targets);
      Attempt a = attempt(nodes.get(Math.floorMod(rotation.getAndIncrement(), nodes.size())), method, path, body);
      if (a.answer() != null) return a.answer();
      last = a.detail();
      retriedBecause.computeIfAbsent(a.retryBecause(), k -> new AtomicInteger()).incrementAndGet();
      pause(100);
    }
    failures.add(method + " " + path + ": " + last);
    return new Reply(0, last, "");
  }

  /**
   * A read for the test's own checks, not a client's call: the first node that answers, without the
   * pause a client makes before it tries the next URL (a killed node refuses at once).
   */
  Reply read(String path) {
    String last = "";
    for (ClusterNode node : List.copyOf(targets)) {
      Attempt a = attempt(node, "GET", path, null);
      if (a.answer() != null) return a.answer();
      last = a.detail();
    }
    return new Reply(0, last, "");
  }

  private Attempt attempt(ClusterNode node, String method, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.api() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 503) return new Attempt(new Reply(r.statusCode(), r.body(), node.name), null, null);
      return new Attempt(null, "503", "503 from " + node.name + ": " + r.body());
    } catch (IOException e) {
      return new Attempt(null, e.getClass().getSimpleName(), e + " from " + node.name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(new Reply(0, "interrupted", node.name), null, null);
    }
  }

  /**
   * Waits (bounded) until every workflow was started and reads COMPLETED. Counting acknowledgements
   * is not enough on its own: an update answered after its attempt timed out counts, although the
   * attempt that replaces it may still be running.
   */
  void awaitAllCompleted(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (completions() < total() || ids.size() < workflows) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + within + ": started " + ids.size() + "/" + workflows
            + ", tasks acknowledged " + completions() + "/" + total() + ", failures " + failures);
      }
      pause(200);
    }
    Set<String> open = new HashSet<>(ids.values());
    while (true) {
      open.removeIf(id -> {
        Reply r = read("/workflow/" + id + "?includeTasks=false");
        return r.status() == 200 && parse(r.body()).path("status").asText().equals("COMPLETED");
      });
      if (open.isEmpty()) return;
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not COMPLETED within " + within + ": " + open + ", failures " + failures);
      }
      pause(200);
    }
  }

  /**
   * What the journal says, read through the API from the executions: every workflow COMPLETED,
   * each reference completed exactly once with exactly the output its worker sent; and no task
   * handed to a worker after its completion was acknowledged. Returns how many tasks ran again
   * after a response timeout (a poll answer lost with a killed node).
   */
  int verify() {
    int timedOut = 0;
    for (String id : ids.values()) {
      Reply r = read("/workflow/" + id);
      assertEquals(200, r.status(), r.body());
      JsonNode wf = parse(r.body());
      assertEquals("COMPLETED", wf.get("status").asText(), id);
      Map<String, Integer> completedByRef = new HashMap<>();
      for (JsonNode task : wf.get("tasks")) {
        String status = task.get("status").asText();
        if (!status.equals("COMPLETED")) {
          assertEquals("TIMED_OUT", status, "only a timed-out attempt may precede the completed one: " + task);
          timedOut++;
          continue;
        }
        completedByRef.merge(task.get("referenceTaskName").asText(), 1, Integer::sum);
        String taskId = task.get("taskId").asText();
        assertEquals(sentOutput.get(taskId), task.get("outputData").toString(), "output of " + taskId);
      }
      assertEquals(Map.of("a", 1, "b", 1, "c", 1), completedByRef, "each task completed once in " + id);
    }
    for (var e : acknowledged.entrySet()) {
      for (long handed : handedOut.getOrDefault(e.getKey(), List.of())) {
        assertTrue(handed <= e.getValue().nanos(), "task " + e.getKey() + " was handed out after its completion");
      }
    }
    return timedOut;
  }

  /**
   * The same, from the journal table itself (events read and deserialized in the test JVM): each
   * workflow started and completed once, every task it scheduled ended exactly once, each reference
   * completed exactly once with the output its worker sent, no lease of a task after its end, and
   * every completion a worker saw acknowledged is in the journal, unless its attempt had timed out
   * before the acknowledgement came back. Returns how many tasks completed
   * in the journal.
   */
  int verifyJournal(Map<String, List<WorkflowEvent>> journal) {
    Set<String> completedTasks = new HashSet<>();
    Map<String, WorkflowEvent.TaskEnded> endings = new HashMap<>();
    for (String id : ids.values()) {
      List<WorkflowEvent> events = journal.get(id);
      assertTrue(events != null && !events.isEmpty(), "no events in the journal for workflow " + id);
      Map<String, String> refOf = new HashMap<>();
      Set<String> ended = new HashSet<>();
      Map<String, Integer> completedByRef = new HashMap<>();
      int started = 0;
      int finished = 0;
      for (WorkflowEvent e : events) {
        if (e instanceof WorkflowEvent.WorkflowStarted) {
          started++;
        } else if (e instanceof WorkflowEvent.TaskScheduled scheduled) {
          refOf.put(scheduled.task().taskId(), scheduled.task().referenceTaskName());
        } else if (e instanceof WorkflowEvent.TaskLeased leased) {
          assertTrue(!ended.contains(leased.taskId()), "task " + leased.taskId() + " of " + id
              + " leased after it ended: " + events);
        } else if (e instanceof WorkflowEvent.TaskEnded end) {
          assertTrue(ended.add(end.taskId()), "task " + end.taskId() + " of " + id + " ended twice: " + events);
          endings.put(end.taskId(), end);
          if (end.status() == TaskStatus.COMPLETED) {
            completedTasks.add(end.taskId());
            completedByRef.merge(refOf.get(end.taskId()), 1, Integer::sum);
            assertEquals(sentOutput.get(end.taskId()), String.valueOf(end.outputData()),
                "journaled output of " + end.taskId());
          } else {
            assertEquals(TaskStatus.TIMED_OUT, end.status(), "only a timed-out attempt may precede the completed one: " + end);
          }
        } else if (e instanceof WorkflowEvent.WorkflowCompleted) {
          finished++;
        } else {
          throw new AssertionError("unexpected event in the journal of " + id + ": " + e);
        }
      }
      assertEquals(1, started, "WorkflowStarted events of " + id);
      assertEquals(1, finished, "WorkflowCompleted events of " + id);
      assertTrue(events.get(events.size() - 1) instanceof WorkflowEvent.WorkflowCompleted, "completion is last in " + id);
      assertEquals(Map.of("a", 1, "b", 1, "c", 1), completedByRef, "tasks completed in the journal of " + id);
      assertEquals(refOf.keySet(), ended, "every task scheduled in " + id + " ended");
    }
    for (var ack : acknowledged.entrySet()) {
      String taskId = ack.getKey();
      if (completedTasks.contains(taskId)) continue;
      // An update that arrives after its attempt timed out changes nothing and is answered 200, as
      // Conductor does; that is acceptable only if the timeout was journaled before the answer came.
      // A timeout journaled later would mean the acknowledged completion itself was lost.
      WorkflowEvent.TaskEnded end = endings.get(taskId);
      long answeredAt = ack.getValue().wallMillis();
      assertTrue(end != null && end.status() == TaskStatus.TIMED_OUT && end.time() <= answeredAt,
          "acknowledged completion of " + taskId + " (answered at " + answeredAt + ") is not in the journal: "
              + journal.get(TaskIds.workflowIdOf(taskId)));
      staleAcknowledgements++;
    }
    return completedTasks.size();
  }

  String summary() {
    Map<String, Integer> by = new HashMap<>();
    handedOutBy.forEach((k, v) -> by.put(k, v.get()));
    Map<String, Integer> retried = new HashMap<>();
    retriedBecause.forEach((k, v) -> retried.put(k, v.get()));
    long twiceAcked = acknowledgements.values().stream().filter(n -> n.get() > 1).count();
    return "workflows " + ids.size() + ", tasks acknowledged " + completions() + ", handed out by node " + by
        + ", calls sent again because " + retried + ", tasks acknowledged twice " + twiceAcked
        + ", updates acknowledged after their attempt timed out " + staleAcknowledgements
        + ", failed calls " + failures.size();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** Polls {@code condition} until it holds, failing after {@code within}. */
  static void await(Duration within, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + within);
      pause(200);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
