package io.baton.http.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.baton.http.BatonNode;
import io.baton.persistence.BatonConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real Baton node in this JVM on free ports, with its own H2 journal in a temporary folder. */
public final class TestNode implements AutoCloseable {
  private final BatonNode node;
  public final Api api;
  public final Path dataDir;
  public final Config config;

  private TestNode(BatonNode node, Path dataDir, Config config) {
    this.node = node;
    this.dataDir = dataDir;
    this.config = config;
    this.api = new Api("http://127.0.0.1:" + node.port() + "/api");
  }

  public static TestNode start() throws Exception {
    return start(Map.of());
  }

  public static TestNode start(Map<String, Object> extra) throws Exception {
    return start(Files.createTempDirectory("baton-test"), extra);
  }

  /** A node on an existing data folder: what a restart after a crash or an upgrade looks like. */
  public static TestNode start(Path dir, Map<String, Object> extra) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("baton.http.host", "127.0.0.1");
    settings.put("baton.http.port", 0);
    settings.put("baton.data-dir", dir.toString());
    settings.put("pekko.remote.artery.canonical.port", 0);
    settings.put("pekko.management.http.port", 0);
    settings.putAll(extra);
    Config config = BatonConfig.load(ConfigFactory.parseMap(settings));
    return new TestNode(BatonNode.start(config), dir, config);
  }

  public org.apache.pekko.actor.typed.ActorSystem<Void> system() {
    return node.system();
  }

  @Override
  public void close() throws Exception {
    node.close();
  }
}
