package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server on loopback that answers the way API.md and Conductor do,
 * including the variants a server might choose for "no task" (200 [] or 204).
 */
class ConductorClientTest {
  private HttpServer server;
  private ConductorClient client;
  private final Map<String, String> lastBody = new ConcurrentHashMap<>();
  private final Map<String, String> lastQuery = new ConcurrentHashMap<>();
  private final Map<String, String> lastMethod = new ConcurrentHashMap<>();
  private final AtomicInteger unavailableCalls = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/tasks/poll/batch/empty-array", ex -> answer(ex, 200, "[]"));
    server.createContext("/api/tasks/poll/batch/no-content", ex -> answer(ex, 204, null));
    server.createContext("/api/tasks/poll/batch/one", ex -> answer(ex, 200, """
        [{"taskId": "t1", "workflowInstanceId": "w1", "correlationId": "run-1", "status": "IN_PROGRESS",
          "inputData": {"in": "abc"}}]"""));
    server.createContext("/api/tasks/poll/batch/broken", ex -> answer(ex, 500, "{\"status\":500,\"message\":\"boom\"}"));
    server.createContext("/api/tasks/poll/batch/unavailable", ex -> {
      unavailableCalls.incrementAndGet();
      answer(ex, 503, "{\"status\":503,\"message\":\"busy\"}");
    });
    server.createContext("/api/tasks/poll/batch/not-array", ex -> answer(ex, 200, "{\"taskId\":\"t1\"}"));
    server.createContext("/api/workflow/wf", ex -> answer(ex, 200, "f3a1\n"));
    server.createContext("/api/workflow/w1", ex -> answer(ex, 200, "{\"workflowId\":\"w1\",\"status\":\"COMPLETED\"}"));
    server.createContext("/api/tasks", ex -> answer(ex, 200, "t1"));
    server.start();
    client = new ConductorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.close();
  }

  private void answer(HttpExchange ex, int status, String body) throws IOException {
    String path = ex.getRequestURI().getPath();
    lastBody.put(path, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    lastQuery.put(path, String.valueOf(ex.getRequestURI().getRawQuery()));
    lastMethod.put(path, ex.getRequestMethod());
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
    } else {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  @Test
  void noTaskIsAnEmptyListWhetherTheServerAnswersAnEmptyArrayOr204() {
    assertEquals(List.of(), client.pollBatch("empty-array", "w", 20, 100));
    assertEquals(List.of(), client.pollBatch("no-content", "w", 20, 100));
  }

  @Test
  void aPolledTaskKeepsWhatTheWorkerNeeds() {
    List<ConductorClient.PolledTask> tasks = client.pollBatch("one", "worker 7", 20, 100);
    assertEquals(1, tasks.size());
    assertEquals("t1", tasks.get(0).taskId());
    assertEquals("w1", tasks.get(0).workflowId());
    assertEquals("run-1", tasks.get(0).correlationId());
    assertEquals("abc", tasks.get(0).input().path("in").asText());
    assertEquals("count=20&timeout=100&workerid=worker+7", lastQuery.get("/api/tasks/poll/batch/one"));
  }

  @Test
  void anErrorAnswerOrAnAnswerOfTheWrongShapeFails() {
    ConductorClient.CallFailed e = assertThrows(ConductorClient.CallFailed.class,
        () -> client.pollBatch("broken", "w", 20, 100));
    assertTrue(e.getMessage().contains("answered 500"), e.getMessage());
    assertThrows(ConductorClient.CallFailed.class, () -> client.pollBatch("not-array", "w", 20, 100));
  }

  @Test
  void aFailedCallIsCountedOnceAndNotTriedAgainBehindTheCallersBack() {
    // The HTTP client would send a GET answered 503 once more by itself; a load generator must see
    // every failure the server gives.
    ConductorClient.CallFailed e = assertThrows(ConductorClient.CallFailed.class,
        () -> client.pollBatch("unavailable", "w", 20, 100));
    assertTrue(e.getMessage().contains("answered 503"), e.getMessage());
    assertEquals(1, unavailableCalls.get());
  }

  @Test
  void aServerThatIsNotThereFails() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (ConductorClient nowhere = new ConductorClient(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2))) {
      assertThrows(ConductorClient.CallFailed.class, () -> nowhere.startWorkflow("wf", "run", "{}"));
    }
  }

  @Test
  void startSendsTheInputAndCorrelationIdAndReturnsTheTrimmedId() throws Exception {
    assertEquals("f3a1", client.startWorkflow("wf", "run-1", Workload.input(1)));
    assertEquals("correlationId=run-1", lastQuery.get("/api/workflow/wf"));
    assertEquals(Workload.input(1), lastBody.get("/api/workflow/wf"));
    assertEquals("f3a1", client.startWorkflowAsync("wf", "run-1", "{}").get());
  }

  @Test
  void completeSendsACompletedTaskResult() throws Exception {
    JsonNode output = ConductorClient.JSON.readTree(Workload.output(0));
    client.completeTask("w1", "t1", "worker-1", output);
    JsonNode sent = ConductorClient.JSON.readTree(lastBody.get("/api/tasks"));
    assertEquals("w1", sent.path("workflowInstanceId").asText());
    assertEquals("t1", sent.path("taskId").asText());
    assertEquals("COMPLETED", sent.path("status").asText());
    assertEquals("worker-1", sent.path("workerId").asText());
    assertEquals(output, sent.path("outputData"));
  }

  @Test
  void terminateDeletesTheExecutionWithAReason() {
    client.terminate("w1", "not finished");
    assertEquals("DELETE", lastMethod.get("/api/workflow/w1"));
    assertEquals("reason=not+finished", lastQuery.get("/api/workflow/w1"));
  }

  @Test
  void statusIsReadFromTheExecution() {
    assertEquals("COMPLETED", client.workflowStatus("w1"));
    assertEquals("includeTasks=false", lastQuery.get("/api/workflow/w1"));
  }
}
