package io.baton.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.jdk.javaapi.CollectionConverters;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * The plugin's journal DAO with a cheaper write for PostgreSQL: a batch of events is one INSERT
 * (its rows passed as arrays), and their tags one more, in one transaction.
 *
 * <p>Why: pekko-persistence-jdbc 1.1.1 needs the generated {@code ordering} of every tagged
 * event for its {@code event_tag} row, and gets it by inserting every row of a batch on its own
 * with RETURNING as soon as one row has a tag. Every execution tags its status changes (the read
 * side follows them), so nearly every batch went row by row: a W3 workflow's eleven events were
 * eleven statements, each a network round trip, and the driver's socket calls alone took a fifth
 * of the server's CPU. Here a batch costs three round trips whatever its size (events, tags,
 * commit). Rows, columns, orderings and the transaction's scope are the plugin's; only the
 * number of statements changes.
 *
 * <p>The column names are those of the schema Baton creates (schema/postgres.sql), not read from
 * the plugin's table configuration, which Baton leaves at its defaults.
 */
public final class PostgresJournalDao extends DefaultJournalDao {
  private static final String INSERT_EVENTS = """
      INSERT INTO event_journal (deleted, persistence_id, sequence_number, writer, write_timestamp,
          adapter_manifest, event_payload, event_ser_id, event_ser_manifest, meta_payload,
          meta_ser_id, meta_ser_manifest)
      SELECT deleted, persistence_id, sequence_number, writer, write_timestamp, adapter_manifest,
          event_payload, event_ser_id, event_ser_manifest, meta_payload, meta_ser_id,
          meta_ser_manifest
      FROM unnest(?::boolean[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[],
          ?::bytea[], ?::integer[], ?::varchar[], ?::bytea[], ?::integer[], ?::varchar[])
          WITH ORDINALITY AS r(deleted, persistence_id, sequence_number, writer, write_timestamp,
              adapter_manifest, event_payload, event_ser_id, event_ser_manifest, meta_payload,
              meta_ser_id, meta_ser_manifest, position)
      ORDER BY position
      RETURNING ordering, persistence_id, sequence_number""";
  private static final String INSERT_TAGS =
      "INSERT INTO event_tag (event_id, tag) SELECT * FROM unnest(?::bigint[], ?::varchar[])";

  /** The constructor the plugin calls by reflection (the Scala constructor's implicits last). */
  public PostgresJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, JournalConfig journalConfig,
      Serialization serialization, ExecutionContext ec, Materializer mat) {
    super(db, profile, journalConfig, serialization, ec, mat);
  }

  @Override
  public Future<BoxedUnit> writeJournalRows(Seq<Tuple2<JournalPekkoSerializationRow, Set<String>>> xs) {
    List<Tuple2<JournalPekkoSerializationRow, Set<String>>> sorted =
        new ArrayList<>(CollectionConverters.asJava(xs));
    // As the plugin does: by sequence number, so each entity's orderings follow its events' order.
    sorted.sort(Comparator.comparingLong(pair -> pair._1().sequenceNumber()));
    List<JournalPekkoSerializationRow> rows = new ArrayList<>(sorted.size());
    List<Set<String>> tags = new ArrayList<>(sorted.size());
    for (Tuple2<JournalPekkoSerializationRow, Set<String>> pair : sorted) {
      rows.add(pair._1());
      tags.add(pair._2());
    }
    SimpleJdbcAction<BoxedUnit> action = new SimpleJdbcAction<>(context -> {
      try {
        write(context.connection(), rows, tags);
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

  private static void write(Connection connection, List<JournalPekkoSerializationRow> rows,
      List<Set<String>> tags) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Map<String, Long> orderings = insertEvents(connection, rows, anyTagged(tags));
      if (orderings != null) insertTags(connection, rows, tags, orderings);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static boolean anyTagged(List<Set<String>> tags) {
    for (Set<String> t : tags) {
      if (!t.isEmpty()) return true;
    }
    return false;
  }

  /** Inserts the rows; returns each row's ordering by "persistenceId/sequenceNr" when asked. */
  private static Map<String, Long> insertEvents(Connection connection,
      List<JournalPekkoSerializationRow> rows, boolean wantOrderings) throws SQLException {
    int n = rows.size();
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
    for (int i = 0; i < n; i++) {
      JournalPekkoSerializationRow row = rows.get(i);
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
    }
    List<Array> arrays = List.of(
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
        connection.createArrayOf("varchar", metaSerManifests));
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS)) {
      for (int i = 0; i < arrays.size(); i++) {
        insert.setArray(i + 1, arrays.get(i));
      }
      Map<String, Long> orderings = wantOrderings ? new HashMap<>(n * 2) : null;
      int inserted = 0;
      try (ResultSet returned = insert.executeQuery()) {
        while (returned.next()) {
          inserted++;
          if (orderings != null) orderings.put(key(returned.getString(2), returned.getLong(3)), returned.getLong(1));
        }
      }
      if (inserted != n) {
        throw new SQLException("inserted " + inserted + " of " + n + " journal rows");
      }
      return orderings;
    } finally {
      for (Array array : arrays) array.free();
    }
  }

  private static void insertTags(Connection connection, List<JournalPekkoSerializationRow> rows,
      List<Set<String>> tags, Map<String, Long> orderings) throws SQLException {
    List<Long> eventIds = new ArrayList<>();
    List<String> tagNames = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JournalPekkoSerializationRow row = rows.get(i);
      Long ordering = orderings.get(key(row.persistenceId(), row.sequenceNumber()));
      tags.get(i).foreach(tag -> {
        eventIds.add(ordering);
        tagNames.add(tag);
        return BoxedUnit.UNIT;
      });
    }
    Array ids = connection.createArrayOf("bigint", eventIds.toArray(new Long[0]));
    Array names = connection.createArrayOf("varchar", tagNames.toArray(new String[0]));
    try (PreparedStatement insert = connection.prepareStatement(INSERT_TAGS)) {
      insert.setArray(1, ids);
      insert.setArray(2, names);
      insert.executeUpdate();
    } finally {
      ids.free();
      names.free();
    }
  }

  private static String key(String persistenceId, long sequenceNumber) {
    return persistenceId + '/' + sequenceNumber;
  }

  /** Carries a JDBC failure out of Slick's action; the journal fails the batch's writes with it. */
  static final class JournalWriteException extends RuntimeException {
    JournalWriteException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
