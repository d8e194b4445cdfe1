package io.baton.runtime.readside;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/** Answers index questions from {@code baton_workflow}, off the actor threads. */
final class JdbcWorkflowIndex implements WorkflowIndex {
  private static final int LIMIT = 10_000;
  private final DataSource dataSource;
  private final Executor blocking;

  JdbcWorkflowIndex(DataSource dataSource, Executor blocking) {
    this.dataSource = dataSource;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<List<String>> running(String workflowName, Integer version) {
    String sql = "SELECT workflow_id FROM baton_workflow WHERE workflow_type = ? "
        + "AND status IN ('RUNNING', 'PAUSED')" + (version == null ? "" : " AND workflow_version = ?")
        + " ORDER BY create_time, workflow_id";
    return query(sql, st -> {
      st.setString(1, workflowName);
      if (version != null) st.setInt(2, version);
    });
  }

  @Override
  public CompletionStage<List<String>> correlated(String workflowName, String correlationId) {
    return query("SELECT workflow_id FROM baton_workflow WHERE workflow_type = ? AND correlation_id = ? "
        + "ORDER BY create_time DESC, workflow_id", st -> {
          st.setString(1, workflowName);
          st.setString(2, correlationId);
        });
  }

  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private CompletionStage<List<String>> query(String sql, Binder binder) {
    return CompletableFuture.supplyAsync(() -> {
      try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
        st.setMaxRows(LIMIT);
        binder.bind(st);
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
      } catch (SQLException e) {
        throw new IllegalStateException("read side query failed: " + e.getMessage(), e);
      }
    }, blocking);
  }
}
