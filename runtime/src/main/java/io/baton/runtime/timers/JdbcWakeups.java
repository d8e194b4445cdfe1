package io.baton.runtime.timers;

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

/** {@link Wakeups} in table {@code baton_wakeup}, off the actor threads. */
public final class JdbcWakeups implements Wakeups {
  private final DataSource dataSource;
  private final Executor blocking;

  public JdbcWakeups(DataSource dataSource, Executor blocking) {
    this.dataSource = dataSource;
    this.blocking = blocking;
  }

  /** A wake-up that is due: the execution and the time it asked for. */
  public record Due(String workflowId, long dueAt) {}

  @Override
  public CompletionStage<Void> sleep(String workflowId, long dueAt) {
    return CompletableFuture.runAsync(() -> {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (PreparedStatement update = c.prepareStatement("UPDATE baton_wakeup SET due_at = ? WHERE workflow_id = ?")) {
          update.setLong(1, dueAt);
          update.setString(2, workflowId);
          if (update.executeUpdate() > 0) return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO baton_wakeup (workflow_id, due_at) VALUES (?, ?)")) {
          insert.setString(1, workflowId);
          insert.setLong(2, dueAt);
          insert.executeUpdate();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not record the wake-up of " + workflowId + ": " + e.getMessage(), e);
      }
    }, blocking);
  }

  CompletionStage<List<Due>> due(long now, int limit) {
    return CompletableFuture.supplyAsync(() -> {
      try (Connection c = dataSource.getConnection();
          PreparedStatement st = c.prepareStatement(
              "SELECT workflow_id, due_at FROM baton_wakeup WHERE due_at <= ? ORDER BY due_at")) {
        st.setMaxRows(limit);
        st.setLong(1, now);
        List<Due> due = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) due.add(new Due(rs.getString(1), rs.getLong(2)));
        }
        return due;
      } catch (SQLException e) {
        throw new IllegalStateException("could not read due wake-ups: " + e.getMessage(), e);
      }
    }, blocking);
  }

  /** Forgets a wake-up that fired, unless the execution has asked for a new time since. */
  CompletionStage<Void> fired(Due due) {
    return CompletableFuture.runAsync(() -> {
      try (Connection c = dataSource.getConnection();
          PreparedStatement st = c.prepareStatement("DELETE FROM baton_wakeup WHERE workflow_id = ? AND due_at = ?")) {
        c.setAutoCommit(true);
        st.setString(1, due.workflowId());
        st.setLong(2, due.dueAt());
        st.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("could not clear the wake-up of " + due.workflowId() + ": " + e.getMessage(), e);
      }
    }, blocking);
  }
}
