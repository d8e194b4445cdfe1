package io.baton.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration of a Baton node: our HOCON files (baton.conf and what it includes, plus the
 * persistence profile of the database in {@code baton.db.url}) over Pekko's reference.conf.
 */
public final class BatonConfig {
  /** Name of the ActorSystem; seed-node addresses carry it. */
  public static final String SYSTEM_NAME = "baton";

  private static final String ORIGIN = "computed by BatonConfig";

  private BatonConfig() {}

  public static Config load() {
    return load(ConfigFactory.empty());
  }

  /**
   * Full ActorSystem config of a node: overrides (highest precedence) > environment (BATON_*
   * variables) > our HOCON > reference.conf.
   *
   * @throws ConfigException.BadValue naming the key, the value and the variable to fix when a
   *     value is malformed (a port that is not a number, an unsupported database URL, ...)
   */
  public static Config load(Config overrides) {
    ClassLoader loader = BatonConfig.class.getClassLoader();
    Config reference = ConfigFactory.defaultReference(loader);
    Config node = resource(loader, "baton.conf");

    // The profile file depends on the URL, and the default URL on the data directory, so both
    // are settled first with the same layering, then pinned above everything else.
    Config firstPass = overrides.withFallback(node).withFallback(reference).resolve();
    Config computed = ConfigFactory.empty()
        .withValue("baton.data-dir", ConfigValueFactory.fromAnyRef(absoluteDataDir(firstPass), ORIGIN));

    Config secondPass = computed.withFallback(overrides).withFallback(node).withFallback(reference).resolve();
    String url = secondPass.getString("baton.db.url");
    Dialect dialect;
    try {
      dialect = Dialect.ofUrl(url);
      if (dialect == Dialect.H2) {
        url = H2Url.withRequiredSettings(url);
      }
    } catch (IllegalArgumentException e) {
      throw ConfigValidation.badValue(secondPass, "baton.db.url", "BATON_DB_URL", "a supported JDBC URL: " + e.getMessage(), e);
    }
    computed = computed.withValue("baton.db.url", ConfigValueFactory.fromAnyRef(url, ORIGIN));

    if (!setsSeedNodes(overrides)) {
      List<String> seedNodes;
      try {
        seedNodes = SeedNodes.parse(secondPass.getString("baton.cluster.seed-nodes"), SYSTEM_NAME);
      } catch (IllegalArgumentException e) {
        throw ConfigValidation.badValue(secondPass, "baton.cluster.seed-nodes", "BATON_SEED_NODES",
            "a comma-separated list of host:port: " + e.getMessage(), e);
      }
      computed = computed.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedNodes, ORIGIN));
    }

    String bootstrapList = secondPass.getString("baton.cluster.bootstrap-endpoints");
    if (!bootstrapList.isBlank()) {
      if (!secondPass.getString("baton.cluster.seed-nodes").isBlank()) {
        throw ConfigValidation.badValue(secondPass, "baton.cluster.bootstrap-endpoints", "BATON_BOOTSTRAP_ENDPOINTS",
            "empty when BATON_SEED_NODES is set (a node joins by seed nodes or by bootstrap, not both)");
      }
      try {
        computed = computed.withValue("pekko.discovery.config.services.baton.endpoints",
            ConfigValueFactory.fromIterable(SeedNodes.endpoints(bootstrapList), ORIGIN));
      } catch (IllegalArgumentException e) {
        throw ConfigValidation.badValue(secondPass, "baton.cluster.bootstrap-endpoints", "BATON_BOOTSTRAP_ENDPOINTS",
            "a comma-separated list of host:port: " + e.getMessage(), e);
      }
    }

    Config profile = resource(loader, dialect.profileResource());
    Config full = computed
        .withFallback(overrides)
        .withFallback(node)
        .withFallback(profile)
        .withFallback(reference)
        .resolve();
    ConfigValidation.check(full);
    return full;
  }

  private static String absoluteDataDir(Config config) {
    String dataDir = config.getString("baton.data-dir");
    if (dataDir.isBlank()) {
      throw ConfigValidation.badValue(config, "baton.data-dir", "BATON_DATA_DIR", "a directory path");
    }
    try {
      // H2 refuses file URLs that are implicitly relative to the working directory
      return Path.of(dataDir).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException e) {
      throw ConfigValidation.badValue(config, "baton.data-dir", "BATON_DATA_DIR", "a directory path", e);
    }
  }

  private static boolean setsSeedNodes(Config overrides) {
    Config resolved = overrides.resolve(ConfigResolveOptions.noSystem().setAllowUnresolved(true));
    return resolved.hasPathOrNull("pekko.cluster.seed-nodes");
  }

  private static Config resource(ClassLoader loader, String name) {
    return ConfigFactory.parseResources(loader, name, ConfigParseOptions.defaults().setAllowMissing(false));
  }
}
