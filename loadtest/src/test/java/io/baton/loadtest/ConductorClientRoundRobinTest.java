package io.baton.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several servers: two real HTTP servers on loopback that log which of them got each request. */
class ConductorClientRoundRobinTest {
  private final List<HttpServer> servers = new ArrayList<>();
  /** "A POST /api/workflow/wf": server name, method and path, in the order the servers saw them. */
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private ConductorClient client;

  @BeforeEach
  void start() throws IOException {
    URI a = startServer("A");
    URI b = startServer("B");
    client = new ConductorClient(List.of(a, b), Duration.ofSeconds(5));
  }

  private URI startServer(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/", ex -> answer(name, ex));
    server.start();
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
    client.close();
  }

  private void answer(String name, HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    seen.add(name + " " + ex.getRequestMethod() + " " + path);
    ex.getRequestBody().readAllBytes();
    String body;
    if (path.startsWith("/api/tasks/poll/batch/")) {
      body = "[{\"taskId\": \"t-" + name + "\", \"workflowInstanceId\": \"w1\", \"correlationId\": \"run\"}]";
    } else if (path.equals("/api/workflow/w1")) {
      body = "{\"workflowId\": \"w1\", \"status\": \"COMPLETED\"}";
    } else {
      body = "id-" + name;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private long count(String prefix) {
    synchronized (seen) {
      return seen.stream().filter(s -> s.startsWith(prefix)).count();
    }
  }

  @Test
  void everyCallGoesToTheNextServerInTurn() {
    assertEquals("id-A", client.startWorkflow("wf", "run", "{}"));
    assertEquals("t-B", client.pollBatch("type", "worker", 20, 100).get(0).taskId());
    client.completeTask("w1", "t-B", "worker", ConductorClient.JSON.createObjectNode());
    assertEquals("COMPLETED", client.workflowStatus("w1"));
    client.terminate("w1", "test");
    assertEquals("id-B", client.startWorkflow("wf", "run", "{}"));

    assertEquals(List.of(
        "A POST /api/workflow/wf",
        "B GET /api/tasks/poll/batch/type",
        "A POST /api/tasks",
        "B GET /api/workflow/w1",
        "A DELETE /api/workflow/w1",
        "B POST /api/workflow/wf"), seen);
  }

  @Test
  void asynchronousStartsAndUpdatesAreSpreadEvenly() throws Exception {
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(client.startWorkflowAsync("wf", "run", "{}"));
      calls.add(client.completeTaskAsync("w1", "t" + i, "worker", ConductorClient.JSON.createObjectNode()));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
    // Start and update alternate, so with two servers each kind lands on one of them; what matters
    // is that the twenty calls are split ten and ten.
    assertEquals(10, count("A "));
    assertEquals(10, count("B "));
  }

  @Test
  void definitionsAreRegisteredOnTheFirstServerOnly() {
    for (int i = 0; i < 3; i++) {
      client.registerTaskDefs("[]");
      client.putWorkflowDefs("[]");
    }
    assertEquals(6, count("A "));
    assertEquals(0, count("B "));
    assertEquals(3, count("A POST /api/metadata/taskdefs"));
    assertEquals(3, count("A PUT /api/metadata/workflow"));
  }

  @Test
  void aServerThatStopsFailsOnlyTheCallsSentToIt() {
    servers.get(1).stop(0);
    assertEquals("id-A", client.startWorkflow("wf", "run", "{}"));
    assertThrows(ConductorClient.CallFailed.class, () -> client.startWorkflow("wf", "run", "{}"));
    assertEquals("id-A", client.startWorkflow("wf", "run", "{}"));
  }

  @Test
  void noServerIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ConductorClient(List.of(), Duration.ofSeconds(1)).close());
  }
}
