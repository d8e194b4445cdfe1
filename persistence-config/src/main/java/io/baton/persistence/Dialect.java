package io.baton.persistence;

import com.typesafe.config.Config;

/** The database behind the journal, told by the JDBC URL in {@code baton.db.url}. */
public enum Dialect {
  H2("jdbc:h2:", "baton-persistence-h2.conf", "schema/h2.sql", "schema/baton-h2.sql"),
  POSTGRES(
      "jdbc:postgresql:",
      "baton-persistence-postgres.conf",
      "schema/postgres.sql",
      "schema/baton-postgres.sql");

  private final String urlPrefix;
  private final String profileResource;
  private final String journalDdlResource;
  private final String batonDdlResource;

  Dialect(String urlPrefix, String profileResource, String journalDdlResource, String batonDdlResource) {
    this.urlPrefix = urlPrefix;
    this.profileResource = profileResource;
    this.journalDdlResource = journalDdlResource;
    this.batonDdlResource = batonDdlResource;
  }

  public static Dialect of(Config config) {
    return ofUrl(config.getString("baton.db.url"));
  }

  /**
   * @throws IllegalArgumentException for a URL of any other database: it would otherwise fail
   *     later with a driver error that does not say what Baton supports
   */
  public static Dialect ofUrl(String jdbcUrl) {
    for (Dialect dialect : values()) {
      if (jdbcUrl.regionMatches(true, 0, dialect.urlPrefix, 0, dialect.urlPrefix.length())) {
        return dialect;
      }
    }
    throw new IllegalArgumentException(
        "unsupported database URL '" + JdbcUrls.redact(jdbcUrl)
            + "': Baton runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://host:port/db)");
  }

  /** The HOCON resource with this dialect's persistence settings. */
  public String profileResource() {
    return profileResource;
  }

  /** DDL of the journal, tag, snapshot and durable state tables. */
  public String journalDdlResource() {
    return journalDdlResource;
  }

  /** DDL of Baton's own tables. */
  public String batonDdlResource() {
    return batonDdlResource;
  }
}
