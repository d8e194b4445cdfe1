package io.baton.http.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.http.support.ServerProcess;
import io.baton.persistence.BatonConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;

/**
 * One Baton node in its own JVM, configured only by BATON_* variables (as a user runs it), with a
 * small heap so that four fit next to each other and PostgreSQL on two cores.
 */
final class ClusterNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a node started with no overrides shards by; the nodes here do not set it. */
  private static final HashCodeMessageExtractor<Object> SHARDS =
      new HashCodeMessageExtractor<>(BatonConfig.load().getInt("pekko.cluster.sharding.number-of-shards"));

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
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  /** One call to this node's API, not sent again anywhere; status 0 when nothing answers. */
  Reply call(String method, String apiPath, String body) {
    return send(HttpRequest.newBuilder(URI.create(api() + apiPath)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  private static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Reply(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, e.toString());
    }
  }

  /**
   * The shards of an entity type this node hosts, from Pekko Management's
   * {@code /cluster/shards/<type>} ({"regions":[{"shardId":"12","numEntities":3},...]}).
   */
  Set<String> shards(String typeName) {
    Reply r = management("/cluster/shards/" + typeName);
    if (r.status() != 200) throw new AssertionError(name + ": shards of " + typeName + ": " + r);
    try {
      Set<String> ids = new HashSet<>();
      for (JsonNode region : JSON.readTree(r.body()).get("regions")) ids.add(region.get("shardId").asText());
      return ids;
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  /**
   * The shard of an entity id: Baton's entity types keep Pekko's default extractor, so placement
   * can be read from management and chosen by id.
   */
  static String shardOf(String entityId) {
    return SHARDS.shardId(entityId);
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
