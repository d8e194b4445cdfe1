package io.baton.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the BATON_SEED_NODES list ({@code host:port,host:port}) into Pekko addresses. */
final class SeedNodes {
  private SeedNodes() {}

  /**
   * @param list comma-separated {@code host:port} entries (IPv6 hosts in brackets), or full
   *     {@code pekko://system@host:port} addresses; blank means no seed nodes
   * @throws IllegalArgumentException naming the entry that is not a host and port
   */
  static List<String> parse(String list, String systemName) {
    List<String> addresses = new ArrayList<>();
    for (String raw : list.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("pekko://")) {
        addresses.add(entry);
        continue;
      }
      int colon = entry.lastIndexOf(':');
      String host = colon < 0 ? "" : entry.substring(0, colon);
      String port = colon < 0 ? "" : entry.substring(colon + 1);
      if (host.isEmpty() || host.contains("/") || host.contains("@") || !isPort(port)
          || (host.contains(":") && !(host.startsWith("[") && host.endsWith("]")))) {
        throw new IllegalArgumentException(
            "seed node '" + entry + "' is not host:port (for example 10.0.0.5:25520)");
      }
      addresses.add("pekko://" + systemName + "@" + host + ":" + port);
    }
    return addresses;
  }

  /**
   * Turns the BATON_BOOTSTRAP_ENDPOINTS list ({@code host:port} of each node's Pekko Management)
   * into the endpoints of Pekko's config discovery.
   *
   * @throws IllegalArgumentException naming the entry that is not a host and port
   */
  static List<Map<String, Object>> endpoints(String list) {
    List<Map<String, Object>> endpoints = new ArrayList<>();
    for (String raw : list.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.lastIndexOf(':');
      String host = colon < 0 ? "" : entry.substring(0, colon);
      String port = colon < 0 ? "" : entry.substring(colon + 1);
      if (host.isEmpty() || host.contains("/") || host.contains("@") || !isPort(port)
          || (host.contains(":") && !(host.startsWith("[") && host.endsWith("]")))) {
        throw new IllegalArgumentException(
            "endpoint '" + entry + "' is not host:port (for example 10.0.0.5:8558)");
      }
      String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      endpoints.add(Map.of("host", bare, "port", Integer.parseInt(port)));
    }
    return endpoints;
  }

  private static boolean isPort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535;
  }
}
