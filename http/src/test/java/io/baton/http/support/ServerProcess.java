package io.baton.http.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real server main in its own JVM, configured only through BATON_* environment variables as a
 * user would run it, so a test can SIGKILL it and start it again on the same database.
 */
public final class ServerProcess implements AutoCloseable {
  private static final int FIRST_PORT = 20_000;
  private static final int PORTS = 12_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private final Map<String, String> env;
  private final Path log;
  private final int httpPort;
  private Process process;
  public final Api api;

  public ServerProcess(Path dataDir, Map<String, String> extraEnv, Path log) {
    this.httpPort = freePort();
    this.log = log;
    this.env = new HashMap<>();
    env.put("BATON_HTTP_HOST", "127.0.0.1");
    env.put("BATON_HTTP_PORT", String.valueOf(httpPort));
    env.put("BATON_DATA_DIR", dataDir.toString());
    env.put("BATON_CLUSTER_HOST", "127.0.0.1");
    env.put("BATON_CLUSTER_PORT", String.valueOf(freePort()));
    env.put("BATON_MANAGEMENT_PORT", String.valueOf(freePort()));
    env.putAll(extraEnv);
    this.api = new Api("http://127.0.0.1:" + httpPort + "/api");
  }

  /**
   * A port nothing listens on, for a server this test starts next. Chosen below the kernel's
   * ephemeral range (32768 and up on Linux, 49152 on macOS), where the port of bind(0) would come
   * from: any outgoing connection on the machine may take such a port as its local port before the
   * server binds it (a cluster test failed with "Address already in use" that way). Never the same
   * port twice in this JVM, so the nodes of one test cannot collide with each other.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
      if (!HANDED_OUT.add(port)) continue;
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException inUse) {
        // someone listens there: try another
      }
    }
    throw new IllegalStateException("no free port in " + FIRST_PORT + ".." + (FIRST_PORT + PORTS - 1));
  }

  /** Starts the JVM and waits (bounded) until the API answers. */
  public ServerProcess start() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.baton.http.BatonServer");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    Api.eventually(Duration.ofSeconds(90), this::ready, ok -> ok);
    return this;
  }

  private boolean ready() {
    if (!process.isAlive()) throw new AssertionError("server exited with " + process.exitValue() + "; see " + log);
    try {
      return api.get("/metadata/taskdefs").status() == 200;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** SIGKILL: no shutdown hooks, no flushing; whatever was not durable is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public File logFile() {
    return log.toFile();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) kill();
  }
}
