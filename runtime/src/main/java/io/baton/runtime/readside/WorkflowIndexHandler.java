package io.baton.runtime.readside;

import io.baton.runtime.execution.WorkflowEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Keeps one row per execution in {@code baton_workflow} from the execution's status events. Runs
 * in the projection's transaction, so the row and the stored offset change together.
 */
final class WorkflowIndexHandler
    extends JdbcHandler<List<org.apache.pekko.projection.eventsourced.EventEnvelope<WorkflowEvent>>, DataSourceSession> {

  @Override
  public void process(DataSourceSession session, List<EventEnvelope<WorkflowEvent>> envelopes)
      throws Exception {
    session.withConnection(connection -> {
      for (EventEnvelope<WorkflowEvent> envelope : envelopes) {
        apply(connection, workflowId(envelope.persistenceId()), envelope.event());
      }
      return null;
    });
  }

  static String workflowId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    return bar < 0 ? persistenceId : persistenceId.substring(bar + 1);
  }

  private static void apply(Connection c, String id, WorkflowEvent event) throws SQLException {
    if (event instanceof WorkflowEvent.WorkflowStarted s) {
      started(c, id, s);
    } else if (event instanceof WorkflowEvent.WorkflowCompleted e) {
      ended(c, id, "COMPLETED", e.time());
    } else if (event instanceof WorkflowEvent.WorkflowFailed e) {
      ended(c, id, e.status().name(), e.time());
    } else if (event instanceof WorkflowEvent.WorkflowTerminated e) {
      ended(c, id, "TERMINATED", e.time());
    } else if (event instanceof WorkflowEvent.WorkflowPaused e) {
      status(c, id, "PAUSED", e.time());
    } else if (event instanceof WorkflowEvent.WorkflowResumed e) {
      status(c, id, "RUNNING", e.time());
    } else if (event instanceof WorkflowEvent.WorkflowRetried
        || event instanceof WorkflowEvent.WorkflowRestarted
        || event instanceof WorkflowEvent.WorkflowRerun) {
      reopened(c, id, event.time());
    } else if (event instanceof WorkflowEvent.WorkflowRemoved) {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM baton_workflow WHERE workflow_id = ?")) {
        st.setString(1, id);
        st.executeUpdate();
      }
    }
  }

  private static void started(Connection c, String id, WorkflowEvent.WorkflowStarted s) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE baton_workflow SET workflow_type = ?, "
        + "workflow_version = ?, correlation_id = ?, status = 'RUNNING', priority = ?, create_time = ?, "
        + "update_time = ?, end_time = NULL WHERE workflow_id = ?")) {
      bindStart(st, s);
      st.setString(7, id);
      if (st.executeUpdate() > 0) return;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO baton_workflow (workflow_type, "
        + "workflow_version, correlation_id, status, priority, create_time, update_time, workflow_id) "
        + "VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)")) {
      bindStart(st, s);
      st.setString(7, id);
      st.executeUpdate();
    }
  }

  private static void bindStart(PreparedStatement st, WorkflowEvent.WorkflowStarted s) throws SQLException {
    st.setString(1, s.definition().name());
    st.setInt(2, s.definition().versionOrDefault());
    if (s.correlationId() == null) st.setNull(3, Types.VARCHAR); else st.setString(3, s.correlationId());
    st.setInt(4, s.priority());
    st.setLong(5, s.time());
    st.setLong(6, s.time());
  }

  private static void status(Connection c, String id, String status, long time) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE baton_workflow SET status = ?, update_time = ? WHERE workflow_id = ?")) {
      st.setString(1, status);
      st.setLong(2, time);
      st.setString(3, id);
      st.executeUpdate();
    }
  }

  private static void reopened(Connection c, String id, long time) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE baton_workflow SET status = 'RUNNING', end_time = NULL, update_time = ? WHERE workflow_id = ?")) {
      st.setLong(1, time);
      st.setString(2, id);
      st.executeUpdate();
    }
  }

  private static void ended(Connection c, String id, String status, long time) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE baton_workflow SET status = ?, end_time = ?, update_time = ? WHERE workflow_id = ?")) {
      st.setString(1, status);
      st.setLong(2, time);
      st.setLong(3, time);
      st.setString(4, id);
      st.executeUpdate();
    }
  }
}
