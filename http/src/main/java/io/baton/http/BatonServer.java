package io.baton.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.baton.persistence.BatonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's main class: one node, configured from BATON_* environment variables. */
public final class BatonServer {
  private static final Logger LOG = LoggerFactory.getLogger(BatonServer.class);

  private BatonServer() {}

  public static void main(String[] args) {
    // A node that is downed or asked to leave must end its process, not linger half-alive.
    Config config = BatonConfig.load(ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = on"));
    try {
      BatonNode node = BatonNode.start(config);
      LOG.info("Baton is serving the API on http://{}:{}/api", config.getString("baton.http.host"), node.port());
    } catch (Exception e) {
      LOG.error("Baton could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
