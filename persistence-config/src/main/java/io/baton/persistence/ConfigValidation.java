package io.baton.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Checks the values people set by hand (environment variables, overrides) once, at load, so a
 * typo fails with the key, the value and the variable to fix rather than deep inside Pekko.
 */
final class ConfigValidation {
  private static final Set<String> LOG_LEVELS = Set.of("off", "error", "warning", "info", "debug");

  private ConfigValidation() {}

  static void check(Config config) {
    port(config, "baton.http.port", "BATON_HTTP_PORT");
    port(config, "pekko.remote.artery.canonical.port", "BATON_CLUSTER_PORT");
    port(config, "pekko.management.http.port", "BATON_MANAGEMENT_PORT");
    integer(config, "baton.db.pool-size", "BATON_DB_POOL_SIZE", 1, 1000);
    integer(config, JournalSettings.NUMBER_OF_SHARDS_PATH, "BATON_SHARDS", 1, 100_000);
    positiveSize(config, "baton.http.max-body-bytes", "BATON_MAX_BODY_BYTES");
    nonBlank(config, "baton.http.host", "BATON_HTTP_HOST");
    nonBlank(config, "pekko.remote.artery.canonical.hostname", "BATON_CLUSTER_HOST");
    nonBlank(config, "pekko.management.http.hostname", "BATON_MANAGEMENT_HOST");
    logLevel(config, "pekko.loglevel", "BATON_PEKKO_LOGLEVEL");
    positiveDuration(config, "baton.execution.idle-timeout", "BATON_EXECUTION_IDLE_TIMEOUT");
    positiveDuration(config, "pekko.cluster.split-brain-resolver.stable-after", "BATON_SBR_STABLE_AFTER");
    integer(config, "pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr",
        "BATON_BOOTSTRAP_REQUIRED_CONTACTS", 1, 1000);
  }

  static ConfigException.BadValue badValue(
      Config config, String path, String envVar, String expected) {
    return badValue(config, path, envVar, expected, null);
  }

  static ConfigException.BadValue badValue(
      Config config, String path, String envVar, String expected, Throwable cause) {
    ConfigValue value = config.hasPathOrNull(path) ? config.getValue(path) : null;
    String got = value == null ? "nothing" : value.render();
    if (value != null && path.equals("baton.db.url")) {
      got = "'" + JdbcUrls.redact(String.valueOf(value.unwrapped())) + "'"; // may carry a password
    }
    String message = "expected " + expected + ", got " + got
        + " (set by " + envVar + " or the overrides given to BatonConfig.load)";
    return value == null
        ? new ConfigException.BadValue(path, message, cause)
        : new ConfigException.BadValue(value.origin(), path, message, cause);
  }

  private static void port(Config config, String path, String envVar) {
    integer(config, path, envVar, 0, 65535);
  }

  private static void integer(Config config, String path, String envVar, int min, int max) {
    require(config, path, envVar, "an integer from " + min + " to " + max, Config::getInt, v -> v >= min && v <= max);
  }

  private static void positiveSize(Config config, String path, String envVar) {
    require(config, path, envVar, "a positive number of bytes (such as 1048576 or 1m)", Config::getBytes, v -> v > 0);
  }

  private static void positiveDuration(Config config, String path, String envVar) {
    require(config, path, envVar, "a positive duration (such as 30s, 500ms or 2m)", Config::getDuration,
        v -> !v.isNegative() && !v.isZero());
  }

  /** The names Pekko's Logging.levelFor accepts; anything else would fail inside ActorSystem start. */
  private static void logLevel(Config config, String path, String envVar) {
    require(config, path, envVar, "one of OFF, ERROR, WARNING, INFO, DEBUG", Config::getString,
        v -> LOG_LEVELS.contains(v.toLowerCase(Locale.ROOT)));
  }

  private static void nonBlank(Config config, String path, String envVar) {
    require(config, path, envVar, "a host name or address", Config::getString, v -> !v.isBlank());
  }

  /** Reads the value with {@code read} and refuses it, naming the variable, if that fails or {@code ok} does not hold. */
  private static <T> void require(Config config, String path, String envVar, String expected,
      BiFunction<Config, String, T> read, Predicate<T> ok) {
    T value;
    try {
      value = read.apply(config, path);
    } catch (ConfigException e) {
      throw badValue(config, path, envVar, expected, e);
    }
    if (!ok.test(value)) {
      throw badValue(config, path, envVar, expected);
    }
  }
}
