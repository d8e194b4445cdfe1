package io.baton.persistence;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Settings that cannot change for the life of a journal. An entity's shard is its id's hash
 * modulo the number of shards, and each shard remembers its running entities under its own id:
 * a node started with another number would look for executions in the wrong shards, and the
 * executions a shard remembers would never be restarted. So the first node that starts on a
 * journal records the number, and every later node must have the same one. A journal written
 * before the number was recorded (it already has events but no record) was written with 100,
 * the only number Baton used then, so that is what is recorded for it.
 */
public final class JournalSettings {
  static final String NUMBER_OF_SHARDS_PATH = "pekko.cluster.sharding.number-of-shards";
  static final String NUMBER_OF_SHARDS = "number-of-shards";
  static final String SHARDS_BEFORE_RECORDING = "100";
  /** The SQLSTATE of a unique-key violation, in PostgreSQL and in H2. */
  private static final String UNIQUE_VIOLATION = "23505";

  private JournalSettings() {}

  /**
   * Records this node's number of shards if the journal has none yet, otherwise checks that it
   * is the recorded one. Blocking; call it at startup after {@link SchemaCreator#createIfAbsent}
   * and before the ActorSystem starts.
   *
   * @throws IllegalStateException when the journal was created with another number of shards
   *     (naming both numbers and the variable to set), or when the database cannot be read
   */
  public static void pinOrRefuse(Config config) {
    String url = config.getString("baton.db.url");
    String configured = String.valueOf(config.getInt(NUMBER_OF_SHARDS_PATH));
    String recorded;
    try (Connection connection = DriverManager.getConnection(
            url, config.getString("baton.db.user"), config.getString("baton.db.password"))) {
      // Each statement commits on its own: a refused insert must not abort the re-read after it,
      // and a URL that turns autocommit off must not leave the record uncommitted.
      connection.setAutoCommit(true);
      Optional<String> existing = read(connection, NUMBER_OF_SHARDS);
      recorded = existing.isPresent() ? existing.get() : recordIfAbsent(connection, NUMBER_OF_SHARDS,
          hasEvents(connection) ? SHARDS_BEFORE_RECORDING : configured);
    } catch (SQLException e) {
      throw new IllegalStateException("reading or recording the journal's settings on "
          + JdbcUrls.redact(url) + " failed: " + e.getMessage(), e);
    }
    if (!recorded.equals(configured)) {
      throw new IllegalStateException("the journal on " + JdbcUrls.redact(url) + " was created with "
          + recorded + " shards per entity type, and this node is configured with " + configured
          + " (BATON_SHARDS). An execution's shard follows from this number, so it cannot change"
          + " for an existing journal: start the node with BATON_SHARDS=" + recorded
          + ", or give it a new database.");
    }
  }

  /** The value recorded under {@code name}: {@code value} if there was none. */
  static String recordIfAbsent(Connection connection, String name, String value) throws SQLException {
    Optional<String> existing = read(connection, name);
    if (existing.isPresent()) {
      return existing.get();
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO baton_setting (setting_name, setting_value) VALUES (?, ?)")) {
      insert.setString(1, name);
      insert.setString(2, value);
      insert.executeUpdate();
      return value;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // Another node recorded its value between our read and our insert: theirs is the journal's.
      return read(connection, name).orElseThrow(() -> e);
    }
  }

  private static boolean hasEvents(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM event_journal LIMIT 1");
        ResultSet row = select.executeQuery()) {
      return row.next();
    }
  }

  private static Optional<String> read(Connection connection, String name) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT setting_value FROM baton_setting WHERE setting_name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }
}
