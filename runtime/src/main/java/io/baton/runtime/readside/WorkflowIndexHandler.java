package io.baton.runtime.readside;

import io.baton.runtime.execution.WorkflowEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Keeps one row per execution in {@code baton_workflow} from the execution's status events. Runs
 * in the projection's transaction, so the rows and the stored offset change together.
 *
 * <p>A group's events are folded per execution first ({@link IndexChange}), then written as
 * batched statements of a few shapes: one network round trip per shape and group, instead of one
 * or two per event (a workflow's start and end were three statements, each a round trip).
 */
final class WorkflowIndexHandler
    extends JdbcHandler<List<EventEnvelope<WorkflowEvent>>, DataSourceSession> {
  private static final String DELETE = "DELETE FROM baton_workflow WHERE workflow_id = ?";
  private static final String UPDATE_ROW = "UPDATE baton_workflow SET workflow_type = ?, workflow_version = ?, "
      + "correlation_id = ?, status = ?, priority = ?, create_time = ?, update_time = ?, end_time = ? "
      + "WHERE workflow_id = ?";
  private static final String INSERT_ROW = "INSERT INTO baton_workflow (workflow_type, workflow_version, "
      + "correlation_id, status, priority, create_time, update_time, end_time, workflow_id) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_STATUS_AND_END =
      "UPDATE baton_workflow SET status = ?, end_time = ?, update_time = ? WHERE workflow_id = ?";
  private static final String UPDATE_STATUS =
      "UPDATE baton_workflow SET status = ?, update_time = ? WHERE workflow_id = ?";
  private static final String UPDATE_VERSION =
      "UPDATE baton_workflow SET workflow_version = ? WHERE workflow_id = ?";

  @Override
  public void process(DataSourceSession session, List<EventEnvelope<WorkflowEvent>> envelopes)
      throws Exception {
    List<IndexChange> changes = IndexChange.fold(envelopes);
    session.withConnection(connection -> {
      try {
        write(connection, changes);
      } catch (SQLException e) {
        throw new IllegalStateException("read side: writing " + changes.size() + " index rows failed", e);
      }
      return null;
    });
  }

  static void write(Connection c, List<IndexChange> changes) throws SQLException {
    List<IndexChange> removed = new ArrayList<>();
    List<IndexChange> whole = new ArrayList<>();
    List<IndexChange> ended = new ArrayList<>();
    List<IndexChange> status = new ArrayList<>();
    List<IndexChange> version = new ArrayList<>();
    for (IndexChange change : changes) {
      if (change.removed()) {
        removed.add(change);
      } else if (change.started() != null) {
        whole.add(change);
      } else {
        if (change.status() != null) (change.endTimeChanged() ? ended : status).add(change);
        if (change.version() != null) version.add(change);
      }
    }
    batch(c, DELETE, removed, (st, ch) -> st.setString(1, ch.workflowId()));
    int[] updated = batch(c, UPDATE_ROW, whole, WorkflowIndexHandler::bindRow);
    List<IndexChange> missing = new ArrayList<>();
    for (int i = 0; i < whole.size(); i++) {
      if (updated[i] == 0) missing.add(whole.get(i));
    }
    batch(c, INSERT_ROW, missing, WorkflowIndexHandler::bindRow);
    batch(c, UPDATE_STATUS_AND_END, ended, (st, ch) -> {
      st.setString(1, ch.status());
      if (ch.endTime() == null) st.setNull(2, Types.BIGINT); else st.setLong(2, ch.endTime());
      st.setLong(3, ch.updateTime());
      st.setString(4, ch.workflowId());
    });
    batch(c, UPDATE_STATUS, status, (st, ch) -> {
      st.setString(1, ch.status());
      st.setLong(2, ch.updateTime());
      st.setString(3, ch.workflowId());
    });
    batch(c, UPDATE_VERSION, version, (st, ch) -> {
      st.setInt(1, ch.version());
      st.setString(2, ch.workflowId());
    });
  }

  private static void bindRow(PreparedStatement st, IndexChange ch) throws SQLException {
    WorkflowEvent.WorkflowStarted s = ch.started();
    st.setString(1, s.definition().name());
    st.setInt(2, ch.startedVersion());
    if (s.correlationId() == null) st.setNull(3, Types.VARCHAR); else st.setString(3, s.correlationId());
    st.setString(4, ch.status());
    st.setInt(5, s.priority());
    st.setLong(6, s.time());
    st.setLong(7, ch.updateTime());
    if (ch.endTime() == null) st.setNull(8, Types.BIGINT); else st.setLong(8, ch.endTime());
    st.setString(9, ch.workflowId());
  }

  private interface Binder {
    void bind(PreparedStatement statement, IndexChange change) throws SQLException;
  }

  /** Runs one statement for each change as a single JDBC batch; returns the update counts. */
  private static int[] batch(Connection c, String sql, List<IndexChange> changes, Binder binder)
      throws SQLException {
    if (changes.isEmpty()) return new int[0];
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (IndexChange change : changes) {
        binder.bind(st, change);
        st.addBatch();
      }
      return st.executeBatch();
    }
  }
}
