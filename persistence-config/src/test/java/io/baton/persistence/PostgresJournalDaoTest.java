package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.db.SlickDatabase;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;

/** The batched journal write on a real PostgreSQL: rows, tags, order and all-or-nothing. */
@ExtendWith(SharedPostgres.class)
class PostgresJournalDaoTest {
  private Config config;
  private ActorSystem<Void> system;
  private PostgresJournalDao dao;

  @BeforeEach
  void start() throws Exception {
    config = TestNode.localConfig("baton.db.url = \"" + SharedPostgres.freshDatabase()
        + "\"\nbaton.db.user = postgres");
    SchemaCreator.createIfAbsent(config);
    system = TestNode.start(config);
    SlickDatabase database = ((SlickExtensionImpl) SlickExtension.get(system))
        .database(config.getConfig("jdbc-journal"));
    dao = new PostgresJournalDao(database.database(), database.profile(),
        new JournalConfig(config.getConfig("jdbc-journal")), SerializationExtension.get(system),
        system.executionContext(), Materializer.matFromSystem(system));
  }

  @AfterEach
  void stop() throws Exception {
    TestNode.stop(system);
  }

  @Test
  void theNodesJournalUsesIt() {
    assertEquals(PostgresJournalDao.class.getName(), config.getString("jdbc-journal.dao"));
  }

  @Test
  void aMixedBatchWritesEveryRowAndTagsTheRightOnes() throws Exception {
    List<Tuple2<JournalPekkoSerializationRow, scala.collection.immutable.Set<String>>> batch = new ArrayList<>();
    // interleaved entities, out of order within the batch, one with two tags, meta on one row
    batch.add(entry(row("b", 2, null), Set.of()));
    batch.add(entry(row("a", 1, null), Set.of("index")));
    batch.add(entry(row("b", 1, "meta".getBytes(StandardCharsets.UTF_8)), Set.of("index", "other")));
    batch.add(entry(row("a", 2, null), Set.of()));
    batch.add(entry(row("a", 3, null), Set.of("index")));
    write(batch);

    try (Connection c = connect()) {
      assertEquals(5, SchemaAssertions.count(c, "SELECT count(*) FROM event_journal"));
      // each tag row points at the event it was given for
      assertEquals(List.of("a/1 index", "a/3 index", "b/1 index", "b/1 other"), strings(c, """
          SELECT j.persistence_id || '/' || j.sequence_number || ' ' || t.tag
          FROM event_tag t JOIN event_journal j ON j.ordering = t.event_id
          ORDER BY j.persistence_id, j.sequence_number, t.tag"""));
      // an entity's events are ordered as its sequence numbers, as the read side expects
      assertEquals(List.of("a/1", "a/2", "a/3"), strings(c,
          "SELECT persistence_id || '/' || sequence_number FROM event_journal WHERE persistence_id = 'a' ORDER BY ordering"));
      assertEquals(List.of("b/1", "b/2"), strings(c,
          "SELECT persistence_id || '/' || sequence_number FROM event_journal WHERE persistence_id = 'b' ORDER BY ordering"));
      try (ResultSet rs = c.createStatement().executeQuery("""
          SELECT event_payload, event_ser_id, event_ser_manifest, writer, write_timestamp, adapter_manifest,
              meta_payload, meta_ser_id, meta_ser_manifest, deleted
          FROM event_journal WHERE persistence_id = 'b' ORDER BY sequence_number""")) {
        assertTrue(rs.next());
        assertArrayEquals("payload b/1".getBytes(StandardCharsets.UTF_8), rs.getBytes(1));
        assertEquals(33, rs.getInt(2));
        assertEquals("manifest", rs.getString(3));
        assertEquals("writer-1", rs.getString(4));
        assertEquals(1_000_001L, rs.getLong(5));
        assertEquals("", rs.getString(6));
        assertArrayEquals("meta".getBytes(StandardCharsets.UTF_8), rs.getBytes(7));
        assertEquals(7, rs.getInt(8));
        assertEquals("meta-manifest", rs.getString(9));
        assertEquals(false, rs.getBoolean(10));
        assertTrue(rs.next());
        assertNull(rs.getBytes(7));
        assertNull(rs.getObject(8));
        assertNull(rs.getString(9));
      }
    }
  }

  @Test
  void aBatchWithoutTagsWritesNoTagRows() throws Exception {
    write(List.of(entry(row("c", 1, null), Set.of()), entry(row("c", 2, null), Set.of())));
    try (Connection c = connect()) {
      assertEquals(2, SchemaAssertions.count(c, "SELECT count(*) FROM event_journal"));
      assertEquals(0, SchemaAssertions.count(c, "SELECT count(*) FROM event_tag"));
    }
  }

  @Test
  void aBatchWithATakenSequenceNumberWritesNothing() throws Exception {
    write(List.of(entry(row("d", 1, null), Set.of("index"))));
    ExecutionException failure = assertThrows(ExecutionException.class, () -> write(List.of(
        entry(row("e", 1, null), Set.of("index")),
        entry(row("d", 1, null), Set.of()),
        entry(row("e", 2, null), Set.of()))));
    assertInstanceOf(PostgresJournalDao.JournalWriteException.class, failure.getCause());
    assertTrue(failure.getCause().getMessage().contains("duplicate key"), failure.getCause().getMessage());
    try (Connection c = connect()) {
      assertEquals(List.of("d/1"), strings(c,
          "SELECT persistence_id || '/' || sequence_number FROM event_journal ORDER BY ordering"));
      assertEquals(1, SchemaAssertions.count(c, "SELECT count(*) FROM event_tag"));
    }
    // the connection went back to the pool usable: the next batch commits
    write(List.of(entry(row("e", 1, null), Set.of())));
    try (Connection c = connect()) {
      assertEquals(2, SchemaAssertions.count(c, "SELECT count(*) FROM event_journal"));
    }
  }

  @Test
  void aNewIdsHighestSequenceNumberIsZeroWithoutReadingOnceThenTheJournalsAgain() throws Exception {
    write(List.of(entry(row("f", 1, null), Set.of()), entry(row("f", 2, null), Set.of())));
    NewPersistenceIds newIds = NewPersistenceIds.get(system);
    newIds.register("f");
    // Zero although the journal holds two events: the answer did not come from the database.
    assertEquals(0L, highest("f"));
    // Claimed once: a second recovery of the same entity (a restart after a write) reads the journal.
    assertEquals(2L, highest("f"));
    assertEquals(false, newIds.isNew("f"));
    assertEquals(2L, highest("f"));
  }

  @Test
  void anIdNotRegisteredIsReadFromTheJournal() throws Exception {
    write(List.of(entry(row("g", 1, null), Set.of())));
    NewPersistenceIds.get(system).register("other");
    assertEquals(1L, highest("g"));
    assertEquals(0L, highest("never-written"));
    assertTrue(NewPersistenceIds.get(system).isNew("other"));
  }

  private long highest(String persistenceId) throws Exception {
    return (Long) FutureConverters.asJava(dao.highestSequenceNr(persistenceId, 0L))
        .toCompletableFuture().get(TestNode.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private void write(List<Tuple2<JournalPekkoSerializationRow, scala.collection.immutable.Set<String>>> batch)
      throws Exception {
    FutureConverters.asJava(dao.writeJournalRows(CollectionConverters.asScala(batch).toList()))
        .toCompletableFuture().get(TestNode.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Tuple2<JournalPekkoSerializationRow, scala.collection.immutable.Set<String>> entry(
      JournalPekkoSerializationRow row, Set<String> tags) {
    return Tuple2.apply(row, CollectionConverters.asScala(tags).toSet());
  }

  private static JournalPekkoSerializationRow row(String persistenceId, long sequenceNr, byte[] meta) {
    return new JournalPekkoSerializationRow(Long.MAX_VALUE, false, persistenceId, sequenceNr,
        "writer-" + sequenceNr, 1_000_000L + sequenceNr, "",
        ("payload " + persistenceId + "/" + sequenceNr).getBytes(StandardCharsets.UTF_8), 33, "manifest",
        Option.apply(meta), meta == null ? Option.empty() : Option.apply(7),
        meta == null ? Option.empty() : Option.apply("meta-manifest"));
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(config.getString("baton.db.url"), config.getString("baton.db.user"),
        config.getString("baton.db.password"));
  }

  private static List<String> strings(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
