package io.baton.persistence;

/** Helpers for JDBC URLs in messages. */
final class JdbcUrls {
  private JdbcUrls() {}

  /** The URL without its settings or query, which may carry a password. */
  static String redact(String jdbcUrl) {
    int cut = jdbcUrl.length();
    for (char c : new char[] {';', '?'}) {
      int at = jdbcUrl.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return cut == jdbcUrl.length() ? jdbcUrl : jdbcUrl.substring(0, cut) + "...";
  }
}
