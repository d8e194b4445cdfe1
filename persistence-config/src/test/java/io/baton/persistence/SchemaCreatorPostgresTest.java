package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
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
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPostgres.class)
class SchemaCreatorPostgresTest {

  private static Config config(String url) {
    return BatonConfig.load(ConfigFactory.empty()
        .withValue("baton.db.url", ConfigValueFactory.fromAnyRef(url))
        .withValue("baton.db.user", ConfigValueFactory.fromAnyRef("postgres")));
  }

  private static Connection connect(String url) throws Exception {
    return DriverManager.getConnection(url, "postgres", "");
  }

  @Test
  void createsTheTablesAndTheTagIndex() throws Exception {
    String url = SharedPostgres.freshDatabase();
    SchemaCreator.createIfAbsent(config(url));
    try (Connection c = connect(url)) {
      assertEquals(SchemaAssertions.JOURNAL_TABLES, SchemaAssertions.tables(c));
      assertTrue(SchemaAssertions.indexColumns(c, "event_tag").contains("tag,event_id"),
          SchemaAssertions.indexColumns(c, "event_tag").toString());
      assertTrue(SchemaAssertions.indexColumns(c, "event_journal").contains("ordering"));
      SchemaAssertions.assertJournalWorks(c);
    }
  }

  @Test
  void isIdempotentAndKeepsData() throws Exception {
    String url = SharedPostgres.freshDatabase();
    SchemaCreator.createIfAbsent(config(url));
    try (Connection c = connect(url)) {
      SchemaAssertions.assertJournalWorks(c);
    }
    SchemaCreator.createIfAbsent(config(url));
    try (Connection c = connect(url)) {
      assertEquals(SchemaAssertions.JOURNAL_TABLES, SchemaAssertions.tables(c));
      assertEquals(1, SchemaAssertions.count(c, "SELECT count(*) FROM event_journal"));
    }
  }

  @Test
  void nodesStartingAtOnceAllSucceed() throws Exception {
    // repeated on fresh databases: the catalog race without the lock does not show every time
    for (int round = 0; round < 3; round++) {
      String url = SharedPostgres.freshDatabase();
      int nodes = 4;
      CyclicBarrier start = new CyclicBarrier(nodes);
      ExecutorService pool = Executors.newFixedThreadPool(nodes);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          // separate configs and connections, as separate nodes would have
          Config config = config(url);
          calls.add(pool.submit(() -> {
            start.await();
            SchemaCreator.createIfAbsent(config);
            return null;
          }));
        }
        for (Future<?> call : calls) {
          call.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      try (Connection c = connect(url)) {
        assertEquals(SchemaAssertions.JOURNAL_TABLES, SchemaAssertions.tables(c));
      }
    }
  }

  @Test
  void anUnreachableDatabaseFailsWithItsAddress() {
    Config config = config("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SchemaCreator.createIfAbsent(config));
    assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/nowhere"), e.getMessage());
  }
}
