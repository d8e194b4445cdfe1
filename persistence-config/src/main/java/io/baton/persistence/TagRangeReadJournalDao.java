package io.baton.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.PekkoSerialization;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Try;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * The plugin's read-journal DAO with an events-by-tag query whose cost follows the page it
 * reads, not the size of the journal.
 *
 * <p>pekko-persistence-jdbc 1.1.1 bounds a page of tagged events by {@code event_journal.ordering}.
 * The database cannot carry that range over the join to {@code event_tag.event_id} (only
 * equalities cross a join), so every query read every tag row of the tag from the index on
 * {@code (tag, event_id)} and threw away all but the page: with 6,310 rows tagged, a page of 81
 * took 9.7 ms on PostgreSQL, and the read side polls every 100 ms, so it grew with every workflow
 * ever run. Bounding {@code event_tag.event_id} instead (the same rows: the join makes the two
 * equal) turns it into a range scan of that index: 0.3 ms for the same page.
 */
public final class TagRangeReadJournalDao extends DefaultReadJournalDao {
  static final String EVENTS_BY_TAG = """
      SELECT j.ordering, j.deleted, j.persistence_id, j.sequence_number, j.writer,
          j.write_timestamp, j.adapter_manifest, j.event_payload, j.event_ser_id,
          j.event_ser_manifest, j.meta_payload, j.meta_ser_id, j.meta_ser_manifest
      FROM event_tag t JOIN event_journal j ON j.ordering = t.event_id
      WHERE t.tag = ? AND t.event_id > ? AND t.event_id <= ? AND j.deleted = FALSE
      ORDER BY t.event_id
      LIMIT ?""";

  private final Serialization serialization;

  /** The constructor the plugin calls by reflection (the Scala constructor's implicits last). */
  public TagRangeReadJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile,
      ReadJournalConfig readJournalConfig, Serialization serialization, ExecutionContext ec,
      Materializer mat) {
    super(db, profile, readJournalConfig, serialization, ec, mat);
    this.serialization = serialization;
  }

  @Override
  public org.apache.pekko.stream.scaladsl.Source<Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed>
      eventsByTag(String tag, long offset, long maxOffset, long max) {
    SimpleJdbcAction<List<JournalPekkoSerializationRow>> read = new SimpleJdbcAction<>(context -> {
      try {
        return page(context.connection(), tag, offset, maxOffset, max);
      } catch (SQLException e) {
        throw new TagQueryException(e);
      }
    });
    Future<List<JournalPekkoSerializationRow>> rows = run(read);
    // As the plugin does, the tags of each event are left empty: nothing reads them.
    Set<String> noTags = scala.collection.immutable.Set$.MODULE$.empty();
    return Source.completionStage(FutureConverters.asJava(rows))
        .mapConcat(page -> page)
        .map(row -> PekkoSerialization.fromRow(serialization, row)
            .map(pair -> Tuple3.apply(pair._1(), noTags, pair._2())))
        .asScala();
  }

  private static List<JournalPekkoSerializationRow> page(Connection connection, String tag, long offset,
      long maxOffset, long max) throws SQLException {
    List<JournalPekkoSerializationRow> rows = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(EVENTS_BY_TAG)) {
      query.setString(1, tag);
      query.setLong(2, offset);
      query.setLong(3, maxOffset);
      query.setLong(4, max);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          int metaSerId = rs.getInt(12);
          Option<Object> metaSerIdOrNone = rs.wasNull() ? Option.empty() : Option.apply(metaSerId);
          rows.add(new JournalPekkoSerializationRow(rs.getLong(1), rs.getBoolean(2), rs.getString(3),
              rs.getLong(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getBytes(8), rs.getInt(9),
              rs.getString(10), Option.apply(rs.getBytes(11)), metaSerIdOrNone,
              Option.apply(rs.getString(13))));
        }
      }
    }
    return rows;
  }

  /** As in PostgresJournalDao: Java cannot say that any action may run. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <R> Future<R> run(DBIOAction action) {
    return db().run(action);
  }

  /** Carries a JDBC failure out of Slick's action; the query's stream fails with it. */
  static final class TagQueryException extends RuntimeException {
    TagQueryException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
