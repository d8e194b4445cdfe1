package io.baton.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

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
    String expected = "an integer from " + min + " to " + max;
    int value;
    try {
      value = config.getInt(path);
    } catch (ConfigException e) {
      throw badValue(config, path, envVar, expected, e);
    }
    if (value < min || value > max) {
      throw badValue(config, path, envVar, expected);
    }
  }

  private static void positiveSize(Config config, String path, String envVar) {
    String expected = "a positive number of bytes (such as 1048576 or 1m)";
    long bytes;
    try {
      bytes = config.getBytes(path);
    } catch (ConfigException e) {
      throw badValue(config, path, envVar, expected, e);
    }
    if (bytes <= 0) {
      throw badValue(config, path, envVar, expected);
    }
  }

  private static void positiveDuration(Config config, String path, String envVar) {
    String expected = "a positive duration (such as 30s, 500ms or 2m)";
    Duration value;
    try {
      value = config.getDuration(path);
    } catch (ConfigException e) {
      throw badValue(config, path, envVar, expected, e);
    }
    if (value.isNegative() || value.isZero()) {
      throw badValue(config, path, envVar, expected);
    }
  }

  /** The names Pekko's Logging.levelFor accepts; anything else would fail inside ActorSystem start. */
  private static void logLevel(Config config, String path, String envVar) {
    String expected = "one of OFF, ERROR, WARNING, INFO, DEBUG";
    String value;
    try {
      value = config.getString(path);
    } catch (ConfigException e) {
      throw badValue(config, path, envVar, expected, e);
    }
    if (!LOG_LEVELS.contains(value.toLowerCase(Locale.ROOT))) {
      throw badValue(config, path, envVar, expected);
    }
  }

  private static void nonBlank(Config config, String path, String envVar) {
    String expected = "a host name or address";
    String value;
    try {
      value = config.getString(path);
    } catch (ConfigException e) {
      throw badValue(config, path, envVar, expected, e);
    }
    if (value.isBlank()) {
      throw badValue(config, path, envVar, expected);
    }
  }
}
