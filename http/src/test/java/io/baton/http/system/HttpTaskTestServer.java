package io.baton.http.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1 for the HTTP task's tests, with one path per behaviour:
 * {@code /json}, {@code /echo} (answers with what it was sent), {@code /text}, {@code /missing}
 * (404), {@code /flaky} (500 the first time, then 200), {@code /slow} (answers only when the
 * server closes) and {@code /stall} (sends the headers and part of the body, then waits).
 */
final class HttpTaskTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final CountDownLatch closing = new CountDownLatch(1);
  final AtomicInteger flakyCalls = new AtomicInteger();

  HttpTaskTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/json", x -> {
      x.getResponseHeaders().add("X-Served-By", "test-server");
      reply(x, 200, "application/json", "{\"greeting\":\"hello\",\"items\":[1,2,3]}");
    });
    server.createContext("/echo", this::echo);
    server.createContext("/text", x -> reply(x, 200, "text/plain; charset=utf-8", "plain words \u2713"));
    server.createContext("/missing", x -> reply(x, 404, "application/json", "{\"error\":\"no such thing\"}"));
    server.createContext("/flaky", x -> {
      if (flakyCalls.incrementAndGet() == 1) reply(x, 500, "text/plain", "try again");
      else reply(x, 200, "application/json", "{\"ok\":true,\"call\":" + flakyCalls.get() + "}");
    });
    server.createContext("/slow", x -> {
      try {
        closing.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(x, 200, "application/json", "{\"late\":true}");
    });
    server.createContext("/stall", x -> {
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, 20);
      try (var out = x.getResponseBody()) {
        out.write("{\"par".getBytes(StandardCharsets.UTF_8));
        out.flush();
        closing.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException clientGone) {
        // The task gave up on the body first, which is what the test wants.
      }
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void echo(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    ObjectNode seen = JSON.createObjectNode();
    seen.put("method", x.getRequestMethod());
    seen.put("query", x.getRequestURI().getRawQuery());
    seen.put("contentType", x.getRequestHeaders().getFirst("Content-Type"));
    seen.put("accept", x.getRequestHeaders().getFirst("Accept"));
    seen.put("custom", x.getRequestHeaders().getFirst("X-Custom"));
    seen.put("number", x.getRequestHeaders().getFirst("X-Number"));
    seen.put("body", body);
    try {
      seen.set("json", body.isEmpty() ? null : JSON.readTree(body));
    } catch (IOException notJson) {
      seen.putNull("json");
    }
    reply(x, 200, "application/json", seen.toString());
  }

  private static void reply(HttpExchange x, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", contentType);
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
