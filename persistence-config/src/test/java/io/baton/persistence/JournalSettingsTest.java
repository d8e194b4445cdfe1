package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedPostgres.class)
class JournalSettingsTest {
  @TempDir Path dir;

  private Config h2(int shards) {
    return BatonConfig.load(ConfigFactory.empty()
        .withValue("baton.data-dir", ConfigValueFactory.fromAnyRef(dir.resolve("data").toString()))
        .withValue(JournalSettings.NUMBER_OF_SHARDS_PATH, ConfigValueFactory.fromAnyRef(shards)));
  }

  private static Config postgres(String url, int shards) {
    return BatonConfig.load(ConfigFactory.empty()
        .withValue("baton.db.url", ConfigValueFactory.fromAnyRef(url))
        .withValue("baton.db.user", ConfigValueFactory.fromAnyRef("postgres"))
        .withValue(JournalSettings.NUMBER_OF_SHARDS_PATH, ConfigValueFactory.fromAnyRef(shards)));
  }

  private static Connection connect(Config config) throws Exception {
    return DriverManager.getConnection(config.getString("baton.db.url"),
        config.getString("baton.db.user"), config.getString("baton.db.password"));
  }

  private static List<String> recorded(Config config) throws Exception {
    try (Connection c = connect(config);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT setting_name, setting_value FROM baton_setting")) {
      List<String> all = new ArrayList<>();
      while (rows.next()) all.add(rows.getString(1) + "=" + rows.getString(2));
      return all;
    }
  }

  @Test
  void theFirstStartRecordsTheNumberOfShardsAndTheSameNumberStartsAgain() throws Exception {
    Config first = h2(40);
    SchemaCreator.createIfAbsent(first);
    JournalSettings.pinOrRefuse(first);
    assertEquals(List.of("number-of-shards=40"), recorded(first));

    JournalSettings.pinOrRefuse(h2(40));
    assertEquals(List.of("number-of-shards=40"), recorded(first));
  }

  @Test
  void anotherNumberOfShardsIsRefusedNamingBothAndTheRecordedOneStays() throws Exception {
    Config first = h2(100);
    SchemaCreator.createIfAbsent(first);
    JournalSettings.pinOrRefuse(first);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> JournalSettings.pinOrRefuse(h2(50)));
    assertTrue(e.getMessage().contains("created with 100 shards"), e.getMessage());
    assertTrue(e.getMessage().contains("configured with 50"), e.getMessage());
    assertTrue(e.getMessage().contains("BATON_SHARDS=100"), e.getMessage());
    assertEquals(List.of("number-of-shards=100"), recorded(first));
    JournalSettings.pinOrRefuse(h2(100));
  }

  @Test
  void aJournalWrittenBeforeTheNumberWasRecordedCountsAsOneHundred() throws Exception {
    Config upgraded = h2(40);
    SchemaCreator.createIfAbsent(upgraded);
    try (Connection c = connect(upgraded)) {
      SchemaAssertions.assertJournalWorks(c); // leaves one event, as an older build's journal has
    }

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> JournalSettings.pinOrRefuse(upgraded));
    assertTrue(e.getMessage().contains("created with 100 shards"), e.getMessage());
    assertEquals(List.of("number-of-shards=100"), recorded(upgraded));
    JournalSettings.pinOrRefuse(h2(100));
  }

  @Test
  void aNodeThatLosesTheRaceToRecordTakesTheWinnersNumber() throws Exception {
    String url = SharedPostgres.freshDatabase();
    Config config = postgres(url, 100);
    SchemaCreator.createIfAbsent(config);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection winner = connect(config); Connection loser = connect(config)) {
      winner.setAutoCommit(false);
      try (Statement s = winner.createStatement()) {
        s.executeUpdate("INSERT INTO baton_setting VALUES ('number-of-shards', '30')");
      }
      // The loser reads no row (the winner has not committed), then its insert waits on the key.
      Future<String> lost = other.submit(() -> JournalSettings.recordIfAbsent(loser, "number-of-shards", "70"));
      waitUntilABackendWaitsOnALock(config);
      winner.commit();
      assertEquals("30", lost.get(30, TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
    assertEquals(List.of("number-of-shards=30"), recorded(config));
  }

  private static void waitUntilABackendWaitsOnALock(Config config) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = connect(config); Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
          r.next();
          if (r.getInt(1) > 0) return;
        }
        assertTrue(System.nanoTime() < deadline, "the second insert never waited on the first");
        Thread.sleep(10);
      }
    }
  }

  @Test
  void nodesStartingAtOnceWithDifferentNumbersAgreeOnOne() throws Exception {
    String url = SharedPostgres.freshDatabase();
    SchemaCreator.createIfAbsent(postgres(url, 100));
    int nodes = 4;
    CyclicBarrier start = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<Future<?>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        Config config = postgres(url, 10 * (i + 1));
        calls.add(pool.submit(() -> {
          start.await();
          JournalSettings.pinOrRefuse(config);
          return null;
        }));
      }
      List<Integer> accepted = new ArrayList<>();
      List<String> refusals = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        try {
          calls.get(i).get(60, TimeUnit.SECONDS);
          accepted.add(10 * (i + 1));
        } catch (ExecutionException refused) {
          assertInstanceOf(IllegalStateException.class, refused.getCause());
          refusals.add(refused.getCause().getMessage());
        }
      }
      assertEquals(1, accepted.size(), "accepted: " + accepted + ", refused: " + refusals);
      assertEquals(List.of("number-of-shards=" + accepted.get(0)), recorded(postgres(url, 100)));
      // a node that lost the race to record its number is told the winner's, not a database error
      for (String refusal : refusals) {
        assertTrue(refusal.contains("created with " + accepted.get(0) + " shards"), refusal);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDatabaseWithoutBatonsTablesFailsWithItsAddress() {
    String url = SharedPostgres.freshDatabase();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JournalSettings.pinOrRefuse(postgres(url, 100)));
    assertTrue(e.getMessage().contains(JdbcUrls.redact(url)), e.getMessage());
    assertTrue(e.getMessage().contains("reading or recording the journal's settings"), e.getMessage());
  }
}
