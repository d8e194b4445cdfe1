package io.baton.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.baton.http.support.ServerProcess;
import io.baton.runtime.decider.TaskResult;
import io.baton.runtime.entity.TaskView;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HttpTask.execute against a real local HTTP server over real sockets. */
class HttpTaskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ActorSystem<Void> system;
  private static HttpTaskTestServer server;
  private static HttpTask task;

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "http-task-test",
        ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
    server = new HttpTaskTestServer();
    task = new HttpTask(system);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static TaskView view(String inputJson) throws Exception {
    ObjectNode input = (ObjectNode) JSON.readTree(inputJson);
    TaskState state = new TaskState("wf-http-1_3", "HTTP", TaskStatus.IN_PROGRESS, input, "http_ref",
        0, 3, 1, "http_call", 1L, 2L, 0L, 2L, 0, false, false, 0L, 60L, "baton-test", null, null,
        null, null, null, 0, null, null, 0L);
    return new TaskView(state, "http_flow", 1, null, 0);
  }

  private static TaskResult run(String inputJson) throws Exception {
    TaskResult r = task.execute(view(inputJson)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals("wf-http-1", r.workflowInstanceId());
    assertEquals("wf-http-1_3", r.taskId());
    return r;
  }

  private static String request(String body) {
    return "{\"http_request\":" + body + "}";
  }

  /** Header names are case-insensitive; the server chooses their spelling. */
  private static JsonNode header(JsonNode headers, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }

  @Test
  void getOfJsonCompletesWithTheParsedBodyHeadersAndStatus() throws Exception {
    TaskResult r = run(request("{\"uri\":\"" + server.url("/json") + "\"}"));
    assertEquals("COMPLETED", r.status(), r.toString());
    assertNull(r.reasonForIncompletion());
    JsonNode response = r.outputData().get("response");
    assertEquals(200, response.get("statusCode").asInt());
    assertEquals("OK", response.get("reasonPhrase").asText());
    assertEquals("hello", response.get("body").get("greeting").asText());
    assertEquals(3, response.get("body").get("items").get(2).asInt());
    assertEquals("test-server", header(response.get("headers"), "X-Served-By").get(0).asText());
    assertEquals("application/json", header(response.get("headers"), "Content-Type").get(0).asText());
  }

  @Test
  void postSendsTheBodyAsJsonWithCustomHeadersAndDefaultAccept() throws Exception {
    TaskResult r = run(request("{\"uri\":\"" + server.url("/echo?x=1") + "\",\"method\":\"post\","
        + "\"headers\":{\"X-Custom\":\"abc\",\"X-Number\":7,\"X-Absent\":null},"
        + "\"body\":{\"a\":1,\"b\":[\"x\",null]}}"));
    assertEquals("COMPLETED", r.status(), r.toString());
    JsonNode seen = r.outputData().get("response").get("body");
    assertEquals("POST", seen.get("method").asText());
    assertEquals("x=1", seen.get("query").asText());
    assertTrue(seen.get("contentType").asText().startsWith("application/json"), seen.toString());
    assertEquals("application/json", seen.get("accept").asText());
    assertEquals("abc", seen.get("custom").asText());
    assertEquals("7", seen.get("number").asText());
    assertEquals(JSON.readTree("{\"a\":1,\"b\":[\"x\",null]}"), seen.get("json"));
  }

  @Test
  void theFlatInputFormSendsATextBodyAsText() throws Exception {
    TaskResult r = run("{\"uri\":\"" + server.url("/echo") + "\",\"method\":\"PUT\","
        + "\"contentType\":\"text/plain\",\"accept\":\"text/plain\",\"body\":\"just words\"}");
    assertEquals("COMPLETED", r.status(), r.toString());
    JsonNode seen = r.outputData().get("response").get("body");
    assertEquals("PUT", seen.get("method").asText());
    assertTrue(seen.get("contentType").asText().startsWith("text/plain"), seen.toString());
    assertEquals("text/plain", seen.get("accept").asText());
    assertEquals("just words", seen.get("body").asText());
  }

  @Test
  void aGetWithoutABodySendsNone() throws Exception {
    TaskResult r = run(request("{\"uri\":\"" + server.url("/echo") + "\",\"method\":\"GET\"}"));
    assertEquals("COMPLETED", r.status(), r.toString());
    JsonNode seen = r.outputData().get("response").get("body");
    assertEquals("GET", seen.get("method").asText());
    assertEquals("", seen.get("body").asText());
    assertTrue(seen.get("contentType").isNull(), seen.toString());
  }

  @Test
  void aTextResponseIsKeptAsText() throws Exception {
    TaskResult r = run(request("{\"uri\":\"" + server.url("/text") + "\"}"));
    assertEquals("COMPLETED", r.status(), r.toString());
    JsonNode body = r.outputData().get("response").get("body");
    assertTrue(body.isTextual(), body.toString());
    assertEquals("plain words \u2713", body.asText());
  }

  @Test
  void aNotFoundFailsTheTaskWithTheResponseInItsOutput() throws Exception {
    String uri = server.url("/missing");
    TaskResult r = run(request("{\"uri\":\"" + uri + "\"}"));
    assertEquals("FAILED", r.status());
    assertEquals("HTTP 404 Not Found from GET " + uri, r.reasonForIncompletion());
    JsonNode response = r.outputData().get("response");
    assertEquals(404, response.get("statusCode").asInt());
    assertEquals("Not Found", response.get("reasonPhrase").asText());
    assertEquals("no such thing", response.get("body").get("error").asText());
  }

  @Test
  void aPortWhereNothingListensFailsWithConnectionRefused() throws Exception {
    String uri = "http://127.0.0.1:" + ServerProcess.freePort() + "/nothing";
    TaskResult r = run(request("{\"uri\":\"" + uri + "\",\"connectionTimeOut\":2000}"));
    assertEquals("FAILED", r.status());
    assertEquals("connection refused: GET " + uri, r.reasonForIncompletion());
    assertNull(r.outputData());
  }

  @Test
  void aServerSlowerThanTheReadTimeoutFailsTheTask() throws Exception {
    String uri = server.url("/slow");
    long started = System.nanoTime();
    TaskResult r = run(request("{\"uri\":\"" + uri + "\",\"readTimeOut\":300,\"connectionTimeOut\":\"500\"}"));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals("FAILED", r.status());
    assertEquals("no response within 800 ms (connectionTimeOut 500 + readTimeOut 300) from GET " + uri,
        r.reasonForIncompletion());
    assertTrue(tookMillis >= 800 && tookMillis < 5000, "took " + tookMillis + " ms");
  }

  @Test
  void aBodyThatStopsComingFailsTheTaskAfterTheReadTimeout() throws Exception {
    String uri = server.url("/stall");
    TaskResult r = run(request("{\"uri\":\"" + uri + "\",\"readTimeOut\":300}"));
    assertEquals("FAILED", r.status());
    assertEquals("response body not read within 300 ms (readTimeOut) from GET " + uri, r.reasonForIncompletion());
  }

  @Test
  void inputThatCannotBecomeARequestFailsWithWhatIsWrong() throws Exception {
    Map<String, String> cases = Map.of(
        "{}", "Missing HTTP request",
        "{\"http_request\":\"http://127.0.0.1/\"}", "http_request must be an object",
        request("{\"method\":\"GET\"}"), "Missing HTTP uri",
        request("{\"uri\":\"not a uri\"}"), "malformed URI 'not a uri'",
        request("{\"uri\":\"ftp://127.0.0.1/file\"}"), "malformed URI 'ftp://127.0.0.1/file'",
        request("{\"uri\":\"http://127.0.0.1/\",\"method\":\"FETCH\"}"), "unsupported HTTP method 'FETCH'",
        request("{\"uri\":\"http://127.0.0.1/\",\"headers\":{\"X-A\":\"1\\r\\nX-Injected: 2\"}}"), "invalid HTTP header 'X-A'",
        request("{\"uri\":\"http://127.0.0.1/\",\"headers\":[\"X-A\"]}"), "http_request.headers must be an object",
        request("{\"uri\":\"http://127.0.0.1/\",\"readTimeOut\":\"soon\"}"), "http_request.readTimeOut must be a number",
        request("{\"uri\":\"http://127.0.0.1/\",\"contentType\":\"no slash\"}"), "invalid contentType 'no slash'");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      TaskResult r = run(c.getKey());
      assertEquals("FAILED", r.status(), c.getKey());
      assertTrue(r.reasonForIncompletion().startsWith(c.getValue()),
          c.getKey() + " -> " + r.reasonForIncompletion());
    }
  }
}
