package io.baton.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * The plugin's journal DAO with a cheaper write for PostgreSQL: a batch of events and their tags
 * is one statement (rows passed as arrays), atomic on its own, so one network round trip.
 *
 * <p>Why: pekko-persistence-jdbc 1.1.1 needs the generated {@code ordering} of every tagged
 * event for its {@code event_tag} row, and gets it by inserting every row of a batch on its own
 * with RETURNING as soon as one row has a tag. Every execution tags its status changes (the read
 * side follows them), so nearly every batch went row by row: a W3 workflow's eleven events were
 * eleven statements, each a round trip, then the tags and the commit; the driver's socket calls
 * alone took a fifth of the server's CPU. Here the events' INSERT feeds the tags' INSERT inside
 * one statement (a data-modifying WITH), which PostgreSQL runs as its own transaction. Rows,
 * columns, orderings and all-or-nothing are the plugin's; only the number of statements and round
 * trips changes, and with it the latency of every persist.
 *
 * <p>The column names are those of the schema Baton creates (schema/postgres.sql), not read from
 * the plugin's table configuration, which Baton leaves at its defaults.
 */
public final class PostgresJournalDao extends DefaultJournalDao {
  /** The batch's rows, in the order given (each entity's by sequence number). */
  private static final String ROWS = """
      SELECT * FROM unnest(?::boolean[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[],
          ?::varchar[], ?::bytea[], ?::integer[], ?::varchar[], ?::bytea[], ?::integer[], ?::varchar[])
      WITH ORDINALITY AS r(deleted, persistence_id, sequence_number, writer, write_timestamp,
          adapter_manifest, event_payload, event_ser_id, event_ser_manifest, meta_payload,
          meta_ser_id, meta_ser_manifest, position)""";
  private static final String INSERT = """
      INSERT INTO event_journal (deleted, persistence_id, sequence_number, writer, write_timestamp,
          adapter_manifest, event_payload, event_ser_id, event_ser_manifest, meta_payload,
          meta_ser_id, meta_ser_manifest)
      SELECT deleted, persistence_id, sequence_number, writer, write_timestamp, adapter_manifest,
          event_payload, event_ser_id, event_ser_manifest, meta_payload, meta_ser_id,
          meta_ser_manifest
      FROM rows ORDER BY position""";
  static final String INSERT_EVENTS = "WITH rows AS (" + ROWS + ")\n" + INSERT;
  /** Tags are given by (persistence id, sequence number) and joined to the orderings just made. */
  static final String INSERT_EVENTS_AND_TAGS = "WITH rows AS (" + ROWS + "),\n"
      + "inserted AS (" + INSERT + "\nRETURNING ordering, persistence_id, sequence_number)\n"
      + """
      INSERT INTO event_tag (event_id, tag)
      SELECT i.ordering, t.tag
      FROM inserted i
      JOIN unnest(?::varchar[], ?::bigint[], ?::varchar[]) AS t(persistence_id, sequence_number, tag)
        ON t.persistence_id = i.persistence_id AND t.sequence_number = i.sequence_number""";

  private final NewPersistenceIds newIds;

  /** The constructor the plugin calls by reflection (the Scala constructor's implicits last). */
  public PostgresJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, JournalConfig journalConfig,
      Serialization serialization, ExecutionContext ec, Materializer mat) {
    super(db, profile, journalConfig, serialization, ec, mat);
    this.newIds = NewPersistenceIds.get(mat.system());
  }

  /** An id this node just made up has no events: its recovery needs no read (NewPersistenceIds). */
  @Override
  public Future<Object> highestSequenceNr(String persistenceId, long fromSequenceNr) {
    if (newIds.claim(persistenceId)) return Future.successful(0L);
    return super.highestSequenceNr(persistenceId, fromSequenceNr);
  }

  @Override
  public Future<BoxedUnit> writeJournalRows(Seq<Tuple2<JournalPekkoSerializationRow, Set<String>>> xs) {
    List<Tuple2<JournalPekkoSerializationRow, Set<String>>> sorted =
        new ArrayList<>(CollectionConverters.asJava(xs));
    // As the plugin does: by sequence number, so each entity's orderings follow its events' order.
    sorted.sort(Comparator.comparingLong(pair -> pair._1().sequenceNumber()));
    SimpleJdbcAction<BoxedUnit> action = new SimpleJdbcAction<>(context -> {
      try {
        write(context.connection(), sorted);
      } catch (SQLException e) {
        throw new JournalWriteException(e);
      }
      return BoxedUnit.UNIT;
    });
    return run(action);
  }

  /**
   * Scala declares the action's effect type contravariant and run's as Nothing, which Java's
   * generics cannot express; the raw call is what Scala's type check would allow.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Future<BoxedUnit> run(DBIOAction action) {
    return db().run(action);
  }

  private static void write(Connection connection,
      List<Tuple2<JournalPekkoSerializationRow, Set<String>>> batch) throws SQLException {
    // One statement is its own transaction only in autocommit, which pooled sessions are in.
    if (!connection.getAutoCommit()) connection.setAutoCommit(true);
    int n = batch.size();
    Boolean[] deleted = new Boolean[n];
    String[] persistenceIds = new String[n];
    Long[] sequenceNumbers = new Long[n];
    String[] writers = new String[n];
    Long[] timestamps = new Long[n];
    String[] adapterManifests = new String[n];
    byte[][] payloads = new byte[n][];
    Integer[] serIds = new Integer[n];
    String[] serManifests = new String[n];
    byte[][] metaPayloads = new byte[n][];
    Integer[] metaSerIds = new Integer[n];
    String[] metaSerManifests = new String[n];
    List<String> tagIds = new ArrayList<>();
    List<Long> tagSequenceNumbers = new ArrayList<>();
    List<String> tagNames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JournalPekkoSerializationRow row = batch.get(i)._1();
      deleted[i] = row.deleted();
      persistenceIds[i] = row.persistenceId();
      sequenceNumbers[i] = row.sequenceNumber();
      writers[i] = row.writer();
      timestamps[i] = row.writeTimestamp();
      adapterManifests[i] = row.adapterManifest();
      payloads[i] = row.eventPayload();
      serIds[i] = row.eventSerId();
      serManifests[i] = row.eventSerManifest();
      metaPayloads[i] = row.metaPayload().isDefined() ? row.metaPayload().get() : null;
      metaSerIds[i] = row.metaSerId().isDefined() ? (Integer) row.metaSerId().get() : null;
      metaSerManifests[i] = row.metaSerManifest().isDefined() ? row.metaSerManifest().get() : null;
      batch.get(i)._2().foreach(tag -> {
        tagIds.add(row.persistenceId());
        tagSequenceNumbers.add(row.sequenceNumber());
        tagNames.add(tag);
        return BoxedUnit.UNIT;
      });
    }
    boolean tagged = !tagNames.isEmpty();
    List<Array> arrays = new ArrayList<>(List.of(
        connection.createArrayOf("boolean", deleted),
        connection.createArrayOf("varchar", persistenceIds),
        connection.createArrayOf("bigint", sequenceNumbers),
        connection.createArrayOf("varchar", writers),
        connection.createArrayOf("bigint", timestamps),
        connection.createArrayOf("varchar", adapterManifests),
        connection.createArrayOf("bytea", payloads),
        connection.createArrayOf("integer", serIds),
        connection.createArrayOf("varchar", serManifests),
        connection.createArrayOf("bytea", metaPayloads),
        connection.createArrayOf("integer", metaSerIds),
        connection.createArrayOf("varchar", metaSerManifests)));
    if (tagged) {
      arrays.add(connection.createArrayOf("varchar", tagIds.toArray(new String[0])));
      arrays.add(connection.createArrayOf("bigint", tagSequenceNumbers.toArray(new Long[0])));
      arrays.add(connection.createArrayOf("varchar", tagNames.toArray(new String[0])));
    }
    try (PreparedStatement insert = connection.prepareStatement(tagged ? INSERT_EVENTS_AND_TAGS : INSERT_EVENTS)) {
      for (int i = 0; i < arrays.size(); i++) {
        insert.setArray(i + 1, arrays.get(i));
      }
      // All or nothing without a count to check: a row that cannot be written fails the statement.
      insert.executeUpdate();
    } finally {
      for (Array array : arrays) array.free();
    }
  }

  /** Carries a JDBC failure out of Slick's action; the journal fails the batch's writes with it. */
  static final class JournalWriteException extends RuntimeException {
    JournalWriteException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
