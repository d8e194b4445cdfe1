package io.baton.persistence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Completes an H2 URL with the settings Baton's H2 profile depends on, so that a URL given in
 * BATON_DB_URL without them is still durable and matches the DDL.
 */
final class H2Url {
  private H2Url() {}

  /**
   * Adds each missing setting; keeps the ones the URL already has.
   *
   * @throws IllegalArgumentException if the URL sets WRITE_DELAY to anything but 0, which would
   *     lose committed events when the process is killed
   */
  static String withRequiredSettings(String url) {
    int firstSemicolon = url.indexOf(';');
    String base = firstSemicolon < 0 ? url : url.substring(0, firstSemicolon);
    Map<String, String> given = new LinkedHashMap<>();
    if (firstSemicolon >= 0) {
      for (String setting : url.substring(firstSemicolon + 1).split(";")) {
        if (setting.isBlank()) {
          continue;
        }
        int eq = setting.indexOf('=');
        String key = (eq < 0 ? setting : setting.substring(0, eq)).trim().toUpperCase(Locale.ROOT);
        given.put(key, eq < 0 ? "" : setting.substring(eq + 1).trim());
      }
    }

    String writeDelay = given.get("WRITE_DELAY");
    if (writeDelay != null && !writeDelay.equals("0")) {
      throw new IllegalArgumentException(
          "the H2 URL sets WRITE_DELAY=" + writeDelay
              + "; Baton needs WRITE_DELAY=0 so that a committed event survives a killed process"
              + " (remove the setting and Baton adds it)");
    }

    StringBuilder completed = new StringBuilder(url);
    if (firstSemicolon >= 0 && url.endsWith(";")) {
      completed.setLength(completed.length() - 1);
    }
    addIfMissing(completed, given, "WRITE_DELAY", "0");
    addIfMissing(completed, given, "RETENTION_TIME", "0");
    if (!given.containsKey("DATABASE_TO_UPPER")) {
      addIfMissing(completed, given, "DATABASE_TO_LOWER", "TRUE");
    }
    addIfMissing(completed, given, "DB_CLOSE_ON_EXIT", "FALSE");
    if (base.regionMatches(true, 0, "jdbc:h2:mem:", 0, "jdbc:h2:mem:".length())) {
      // an in-memory database would vanish between SchemaCreator's connection and the pool's
      addIfMissing(completed, given, "DB_CLOSE_DELAY", "-1");
    }
    return completed.toString();
  }

  private static void addIfMissing(
      StringBuilder url, Map<String, String> given, String key, String value) {
    if (!given.containsKey(key)) {
      url.append(';').append(key).append('=').append(value);
    }
  }
}
