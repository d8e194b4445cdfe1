package io.baton.persistence;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates the tables of the journal and of Baton when they are missing. */
public final class SchemaCreator {
  /** Advisory lock key shared by every node: "Baton" in ASCII. */
  static final long POSTGRES_LOCK_KEY = 0x426174_6f6eL;

  private SchemaCreator() {}

  /**
   * Creates every table Baton needs if absent: the journal, tags (with an index on
   * event_tag(tag, event_id)), snapshots and durable state, then Baton's own tables. Idempotent,
   * and safe when several nodes start at once against one PostgreSQL: the DDL runs in one
   * transaction holding an advisory lock, so the nodes take turns. Blocking; call it once at
   * startup before the ActorSystem uses the journal.
   *
   * @param config a config from {@link BatonConfig#load}; reads baton.db.url, user and password
   * @throws IllegalStateException when the database cannot be reached or a statement fails
   */
  public static void createIfAbsent(Config config) {
    Dialect dialect = Dialect.of(config);
    String url = config.getString("baton.db.url");
    List<String> statements = new ArrayList<>(SqlScript.fromResource(dialect.journalDdlResource()));
    statements.addAll(SqlScript.fromResource(dialect.batonDdlResource()));

    if (dialect == Dialect.H2) {
      // H2 has no advisory lock; callers in this JVM (the only one that can open the file) take turns
      synchronized (SchemaCreator.class) {
        create(dialect, config, url, statements);
      }
    } else {
      create(dialect, config, url, statements);
    }
  }

  private static void create(Dialect dialect, Config config, String url, List<String> statements) {
    try (Connection connection = DriverManager.getConnection(
            url, config.getString("baton.db.user"), config.getString("baton.db.password"))) {
      run(connection, dialect, statements);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "creating Baton's tables on " + JdbcUrls.redact(url) + " failed: " + e.getMessage(), e);
    }
  }

  private static void run(Connection connection, Dialect dialect, List<String> statements)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (dialect == Dialect.POSTGRES) {
        // Concurrent CREATE ... IF NOT EXISTS of the same table can still collide in the
        // catalog; the lock is released with the transaction.
        statement.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK_KEY + ")");
      }
      for (String sql : statements) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw new SQLException(e.getMessage() + " [statement: " + firstLine(sql) + "]", e.getSQLState(), e);
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
  }

  private static String firstLine(String sql) {
    int newline = sql.indexOf('\n');
    return newline < 0 ? sql : sql.substring(0, newline) + " ...";
  }
}
