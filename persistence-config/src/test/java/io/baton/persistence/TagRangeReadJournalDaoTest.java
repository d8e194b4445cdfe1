package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.db.SlickDatabase;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.Tuple3;
import scala.util.Try;

/**
 * The read side's page of tagged events: the same rows as the plugin's own query, on H2 and on
 * PostgreSQL, and on PostgreSQL read from the tag index's range rather than from every row of
 * the tag.
 */
@ExtendWith(SharedPostgres.class)
class TagRangeReadJournalDaoTest {
  private static final int EVENTS = 300;

  @Test
  void bothProfilesUseIt() throws Exception {
    assertEquals(TagRangeReadJournalDao.class.getName(),
        TestNode.localConfig("").getString("jdbc-read-journal.dao"));
    assertEquals(TagRangeReadJournalDao.class.getName(), postgresConfig().getString("jdbc-read-journal.dao"));
  }

  @Test
  void pagesMatchThePluginsQueryOnH2(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    pagesMatchThePluginsQuery(TestNode.localConfig("baton.data-dir = \"" + dir + "\""));
  }

  @Test
  void pagesMatchThePluginsQueryOnPostgres() throws Exception {
    pagesMatchThePluginsQuery(postgresConfig());
  }

  @Test
  void aPageOnPostgresReadsOnlyItsOwnTagRows() throws Exception {
    Config config = postgresConfig();
    SchemaCreator.createIfAbsent(config);
    ActorSystem<Void> system = TestNode.start(config);
    try {
      write(system, "reads", EVENTS);
    } finally {
      TestNode.stop(system);
    }
    try (Connection c = DriverManager.getConnection(config.getString("baton.db.url"),
        config.getString("baton.db.user"), config.getString("baton.db.password"))) {
      c.createStatement().execute("ANALYZE");
      long low = SchemaAssertions.count(c, "SELECT min(ordering) FROM event_journal") + EVENTS / 2;
      String sql = TagRangeReadJournalDao.EVENTS_BY_TAG.replaceFirst("SELECT", "EXPLAIN (ANALYZE, FORMAT JSON) SELECT");
      try (PreparedStatement explain = c.prepareStatement(sql)) {
        explain.setString(1, Journaled.TAG);
        explain.setLong(2, low);
        explain.setLong(3, low + 10);
        explain.setLong(4, 500);
        try (ResultSet rs = explain.executeQuery()) {
          assertTrue(rs.next());
          JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
          long tagRowsRead = rowsReadFrom(plan, "event_tag");
          assertTrue(tagRowsRead <= 10, "a page of 10 read " + tagRowsRead + " tag rows of " + EVENTS + ": " + plan);
        }
      }
    }
  }

  private static long rowsReadFrom(JsonNode node, String relation) {
    long rows = relation.equals(node.path("Relation Name").asText()) ? node.get("Actual Rows").asLong() : 0;
    for (JsonNode child : node.path("Plans")) rows += rowsReadFrom(child, relation);
    return rows;
  }

  private static void pagesMatchThePluginsQuery(Config config) throws Exception {
    SchemaCreator.createIfAbsent(config);
    ActorSystem<Void> system = TestNode.start(config);
    try {
      write(system, "page", EVENTS);
      SlickDatabase database = ((SlickExtensionImpl) SlickExtension.get(system))
          .database(config.getConfig("jdbc-read-journal"));
      ReadJournalConfig readConfig = new ReadJournalConfig(config.getConfig("jdbc-read-journal"));
      var serialization = SerializationExtension.get(system);
      var ours = new TagRangeReadJournalDao(database.database(), database.profile(), readConfig, serialization,
          system.executionContext(), Materializer.matFromSystem(system));
      var plugins = new DefaultReadJournalDao(database.database(), database.profile(), readConfig, serialization,
          system.executionContext(), Materializer.matFromSystem(system));
      long first;
      try (Connection c = DriverManager.getConnection(config.getString("baton.db.url"),
          config.getString("baton.db.user"), config.getString("baton.db.password"))) {
        first = SchemaAssertions.count(c, "SELECT min(ordering) FROM event_journal");
      }
      // from the start, a middle window, a page cut by max, beyond the end, another tag
      long[][] pages = {{0, Long.MAX_VALUE, 1000}, {first + 40, first + 90, 1000}, {first + 10, first + 200, 25},
          {first + EVENTS * 2L, Long.MAX_VALUE, 1000}};
      for (long[] page : pages) {
        List<String> expected = read(system, plugins, Journaled.TAG, page);
        assertEquals(expected, read(system, ours, Journaled.TAG, page), "page " + java.util.Arrays.toString(page));
      }
      assertEquals(EVENTS, read(system, ours, Journaled.TAG, pages[0]).size());
      assertEquals(25, read(system, ours, Journaled.TAG, pages[2]).size());
      assertEquals(List.of(), read(system, ours, "no-such-tag", pages[0]));
    } finally {
      TestNode.stop(system);
    }
  }

  private static List<String> read(ActorSystem<?> system, DefaultReadJournalDao dao, String tag, long[] page)
      throws Exception {
    List<Try<Tuple3<PersistentRepr, scala.collection.immutable.Set<String>, Object>>> rows = TestNode.await(
        org.apache.pekko.stream.javadsl.Source.fromGraph(dao.eventsByTag(tag, page[0], page[1], page[2]))
            .runWith(Sink.seq(), system));
    List<String> out = new ArrayList<>();
    for (var row : rows) {
      var t = row.get();
      out.add(t._3() + " " + t._1().persistenceId() + "/" + t._1().sequenceNr() + " " + t._1().payload());
    }
    return out;
  }

  private static void write(ActorSystem<Void> system, String prefix, int events) throws Exception {
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      String id = prefix + "-" + e;
      ActorRef<Journaled.Command> entity =
          system.systemActorOf(Journaled.withoutSnapshots(PersistenceId.ofUniqueId(id)), id, Props.empty());
      for (int i = 0; i < events / 3; i++) {
        String value = id + "/" + i;
        acks.add(TestNode.ask(system, entity, (ActorRef<org.apache.pekko.Done> r) -> new Journaled.Append(value, r))
            .toCompletableFuture());
      }
    }
    TestNode.await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
  }

  private static Config postgresConfig() {
    return TestNode.localConfig("baton.db.url = \"" + SharedPostgres.freshDatabase() + "\"\nbaton.db.user = postgres");
  }
}
