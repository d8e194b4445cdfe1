package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;

/**
 * Events persisted through BatonConfig's journal come back in a new ActorSystem, on the
 * database a subclass provides.
 */
abstract class PersistenceRoundTripContract {
  private static final int ENTITIES = 8;
  private static final int EVENTS_EACH = 12;

  /** BatonConfig overrides pointing at an empty database. */
  abstract String databaseOverrides() throws Exception;

  @Test
  void eventsAndSnapshotsSurviveANewActorSystem() throws Exception {
    Config config = TestNode.localConfig(databaseOverrides());
    SchemaCreator.createIfAbsent(config);
    String run = Long.toString(System.nanoTime(), 36);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    ActorSystem<Void> first = TestNode.start(config);
    try {
      List<CompletableFuture<?>> acks = new ArrayList<>();
      for (int e = 0; e < ENTITIES; e++) {
        String id = "journaled-" + run + "-" + e;
        ActorRef<Journaled.Command> entity =
            first.systemActorOf(Journaled.create(PersistenceId.ofUniqueId(id)), id, Props.empty());
        List<String> values = new ArrayList<>();
        for (int i = 0; i < EVENTS_EACH; i++) {
          String value = id + "/" + i + "/ü€"; // non-ASCII round-trips through CBOR
          values.add(value);
          // all in flight at once: the journal batches them
          acks.add(TestNode.ask(first, entity, (ActorRef<org.apache.pekko.Done> r) -> new Journaled.Append(value, r))
              .toCompletableFuture());
        }
        expected.put(id, values);
      }
      TestNode.await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    } finally {
      TestNode.stop(first);
    }

    Map<String, List<String>> recovered = new LinkedHashMap<>();
    ActorSystem<Void> second = TestNode.start(config);
    try {
      for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
        ActorRef<Journaled.Command> entity = second.systemActorOf(
            Journaled.create(PersistenceId.ofUniqueId(entry.getKey())), entry.getKey(), Props.empty());
        recovered.put(entry.getKey(), TestNode.await(TestNode.ask(second, entity, Journaled.Read::new)));
      }
      if (!recovered.equals(expected)) {
        // Say whether the rows are missing from the table or only from the replay.
        assertEquals(expected, recovered, "journal rows: " + rowsOf(config, recovered, expected));
      }

      JdbcReadJournal readJournal = PersistenceQuery.get(second)
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      List<EventEnvelope> tagged = TestNode.await(
          readJournal.currentEventsByTag(Journaled.TAG, Offset.noOffset()).runWith(Sink.seq(), second));
      long ours = tagged.stream().filter(env -> env.persistenceId().contains(run)).count();
      assertEquals(ENTITIES * EVENTS_EACH, ours);
      assertTrue(tagged.stream().allMatch(env -> env.event() instanceof Journaled.Appended));
    } finally {
      TestNode.stop(second);
    }

    try (Connection c = DriverManager.getConnection(config.getString("baton.db.url"),
        config.getString("baton.db.user"), config.getString("baton.db.password"))) {
      String ours = " WHERE persistence_id LIKE 'journaled-" + run + "-%'";
      assertEquals(ENTITIES * EVENTS_EACH, SchemaAssertions.count(c, "SELECT count(*) FROM event_journal" + ours));
      // 33 is jackson-cbor: the binding in our config, not Java serialization, wrote them
      assertEquals(ENTITIES * EVENTS_EACH,
          SchemaAssertions.count(c, "SELECT count(*) FROM event_journal" + ours + " AND event_ser_id = 33"));
      assertTrue(SchemaAssertions.count(c, "SELECT count(*) FROM snapshot" + ours + " AND snapshot_ser_id = 33") > 0);
    }
  }

  /** For each entity that did not recover what it wrote: its rows and highest sequence number in the table. */
  private static String rowsOf(Config config, Map<String, List<String>> recovered, Map<String, List<String>> expected)
      throws Exception {
    StringBuilder rows = new StringBuilder();
    try (Connection c = DriverManager.getConnection(config.getString("baton.db.url"),
        config.getString("baton.db.user"), config.getString("baton.db.password"))) {
      for (String id : expected.keySet()) {
        if (expected.get(id).equals(recovered.get(id))) continue;
        String where = " FROM event_journal WHERE persistence_id = '" + id + "'";
        rows.append(id).append(": ").append(SchemaAssertions.count(c, "SELECT count(*)" + where))
            .append(" rows, highest sequence number ")
            .append(SchemaAssertions.count(c, "SELECT coalesce(max(sequence_number), 0)" + where)).append("; ");
      }
    }
    return rows.toString();
  }
}
