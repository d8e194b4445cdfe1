package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCreatorH2Test {
  @TempDir Path dir;

  private Config config() {
    return BatonConfig.load(ConfigFactory.empty()
        .withValue("baton.data-dir", ConfigValueFactory.fromAnyRef(dir.resolve("data").toString())));
  }

  private Connection connect(Config config) throws Exception {
    return DriverManager.getConnection(config.getString("baton.db.url"),
        config.getString("baton.db.user"), config.getString("baton.db.password"));
  }

  @Test
  void createsTheTablesAndTheTagIndexInTheDataDirectory() throws Exception {
    Config config = config();
    SchemaCreator.createIfAbsent(config);

    assertTrue(Files.exists(dir.resolve("data").resolve("baton.mv.db")));
    try (Connection c = connect(config)) {
      assertEquals(SchemaAssertions.JOURNAL_TABLES, SchemaAssertions.tables(c));
      assertTrue(SchemaAssertions.indexColumns(c, "event_tag").contains("tag,event_id"),
          SchemaAssertions.indexColumns(c, "event_tag").toString());
      SchemaAssertions.assertJournalWorks(c);
    }
  }

  @Test
  void isIdempotentAndKeepsData() throws Exception {
    Config config = config();
    SchemaCreator.createIfAbsent(config);
    try (Connection c = connect(config)) {
      SchemaAssertions.assertJournalWorks(c);
    }
    SchemaCreator.createIfAbsent(config);
    try (Connection c = connect(config)) {
      assertEquals(SchemaAssertions.JOURNAL_TABLES, SchemaAssertions.tables(c));
      assertEquals(1, SchemaAssertions.count(c, "SELECT count(*) FROM event_journal"));
    }
  }

  @Test
  void concurrentCallsInOneJvmAllSucceed() throws Exception {
    Config config = config();
    int callers = 4;
    CyclicBarrier start = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          SchemaCreator.createIfAbsent(config);
          return null;
        }));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = connect(config)) {
      assertEquals(SchemaAssertions.JOURNAL_TABLES, SchemaAssertions.tables(c));
    }
  }

  @Test
  void aWrongPasswordFailsNamingTheDatabaseButNotThePassword() throws Exception {
    SchemaCreator.createIfAbsent(config());
    Config wrong = config().withValue("baton.db.password", ConfigValueFactory.fromAnyRef("not-it"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SchemaCreator.createIfAbsent(wrong));
    assertTrue(e.getMessage().contains("jdbc:h2:file:" + dir.resolve("data")), e.getMessage());
    assertTrue(!e.getMessage().contains("not-it"), e.getMessage());
  }
}
