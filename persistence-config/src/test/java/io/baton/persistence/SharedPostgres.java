package io.baton.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL (zonky embedded binaries) for the whole test run; every test takes a fresh
 * database in it so tests never see each other's tables.
 */
final class SharedPostgres implements BeforeAllCallback {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile EmbeddedPostgres postgres;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedPostgres.class, key -> new Running(start()), Running.class);
  }

  private static synchronized EmbeddedPostgres start() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("starting embedded PostgreSQL", e);
      }
    }
    return postgres;
  }

  /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
  static String freshDatabase() {
    String name = "baton_test_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("creating database " + name, e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private record Running(EmbeddedPostgres postgres)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }
}
