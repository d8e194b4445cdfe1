package io.baton.http.cluster;

import io.baton.http.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Baton node in its own JVM, configured only by BATON_* variables (as a user runs it), with a
 * small heap so that four fit next to each other and PostgreSQL on two cores.
 */
final class ClusterNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int httpPort = ServerProcess.freePort();
  final int clusterPort = ServerProcess.freePort();
  final int managementPort = ServerProcess.freePort();
  private final Map<String, String> env = new HashMap<>();
  private final Path log;
  private Process process;

  ClusterNode(String name, Path dir, String dbUrl) {
    this.name = name;
    this.log = dir.resolve(name + ".log");
    env.put("BATON_HTTP_HOST", "127.0.0.1");
    env.put("BATON_HTTP_PORT", String.valueOf(httpPort));
    env.put("BATON_DATA_DIR", dir.resolve(name).toString());
    env.put("BATON_CLUSTER_HOST", "127.0.0.1");
    env.put("BATON_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("BATON_MANAGEMENT_PORT", String.valueOf(managementPort));
    env.put("BATON_DB_URL", dbUrl);
    env.put("BATON_DB_USER", "postgres");
    env.put("BATON_DB_PASSWORD", "postgres");
    env.put("BATON_DB_POOL_SIZE", "6");
    // Down a killed node after 5 s of stable membership instead of 20 s, to keep the test short.
    env.put("BATON_SBR_STABLE_AFTER", "5s");
  }

  ClusterNode env(String key, String value) {
    env.put(key, value);
    return this;
  }

  String clusterAddress() {
    return "127.0.0.1:" + clusterPort;
  }

  String managementAddress() {
    return "127.0.0.1:" + managementPort;
  }

  String api() {
    return "http://127.0.0.1:" + httpPort + "/api";
  }

  ClusterNode start() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.baton.http.BatonServer");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    return this;
  }

  /** Management's readiness: the node is an Up member of the cluster and its API is bound. */
  boolean ready() {
    if (!process.isAlive()) throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
    return management("/ready").status() == 200 && status("/metadata/taskdefs") == 200;
  }

  /** The HTTP port accepts connections: the node got past its start-up (schema, read side). */
  boolean bound() {
    if (!process.isAlive()) throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", httpPort), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  int status(String apiPath) {
    return get(api() + apiPath).status();
  }

  /** GET on the management port; status 0 when nothing answers. */
  Reply management(String path) {
    return get("http://127.0.0.1:" + managementPort + path);
  }

  record Reply(int status, String body) {}

  static Reply get(String url) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Reply(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, e.toString());
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no leaving; the cluster has to notice and down it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the JVM's shutdown hook runs CoordinatedShutdown (graceful leave). */
  void terminate() {
    process.destroy();
  }

  boolean awaitExit(Duration within) throws InterruptedException {
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) kill();
  }
}
