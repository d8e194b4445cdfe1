package io.baton.http.cluster;

import com.typesafe.config.ConfigFactory;
import io.baton.runtime.execution.WorkflowEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * The executions' events as pekko-persistence-jdbc's {@code event_journal} table holds them, read
 * in the test JVM straight from the database and deserialized with the serializer the nodes wrote
 * them with (Baton's serialization settings, a local ActorSystem that starts nothing else), so a
 * check on them does not go through any node.
 */
final class ExecutionJournal implements AutoCloseable {
  private static final String PREFIX = "WorkflowExecution|";

  private final ActorSystem system = ActorSystem.create("journal-reader",
      ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
          .withFallback(ConfigFactory.parseResources("baton-serialization.conf"))
          .withFallback(ConfigFactory.defaultReference())
          .resolve());
  private final Serialization serialization = SerializationExtension.get(system);

  /** Every execution's events in sequence order, by workflow id; also the number of rows read. */
  record Events(Map<String, List<WorkflowEvent>> byWorkflow, int rows) {}

  Events read(Connection c) throws SQLException {
    Map<String, List<WorkflowEvent>> byWorkflow = new HashMap<>();
    int rows = 0;
    try (PreparedStatement st = c.prepareStatement("SELECT persistence_id, event_ser_id, event_ser_manifest, event_payload"
        + " FROM event_journal WHERE persistence_id LIKE ? AND NOT deleted ORDER BY persistence_id, sequence_number")) {
      st.setString(1, PREFIX + "%");
      st.setFetchSize(1000);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String workflowId = rs.getString(1).substring(PREFIX.length());
          Object event = serialization.deserialize(rs.getBytes(4), rs.getInt(2), rs.getString(3)).get();
          byWorkflow.computeIfAbsent(workflowId, k -> new ArrayList<>()).add((WorkflowEvent) event);
          rows++;
        }
      }
    }
    return new Events(byWorkflow, rows);
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
