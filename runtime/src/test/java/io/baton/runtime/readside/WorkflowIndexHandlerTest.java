package io.baton.runtime.readside;

import static io.baton.runtime.readside.IndexChangeTest.empty;
import static io.baton.runtime.readside.IndexChangeTest.envelope;
import static io.baton.runtime.readside.IndexChangeTest.started;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.baton.persistence.BatonConfig;
import io.baton.persistence.SchemaCreator;
import io.baton.runtime.execution.WorkflowEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index rows a group of status events leaves, on the embedded H2 schema a node creates. */
class WorkflowIndexHandlerTest {
  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void schema() throws Exception {
    Config config = BatonConfig.load(ConfigFactory.parseMap(Map.of("baton.data-dir", dir.toString())));
    SchemaCreator.createIfAbsent(config);
    connection = DriverManager.getConnection(config.getString("baton.db.url"), "sa", "");
  }

  @Test
  void groupsAcrossBatchesLeaveTheRowsTheEventsDescribe() throws Exception {
    // first group: a starts and ends, b starts, c starts and is paused
    write(envelope("a", started("a", 1, "corr-a", 100)),
        envelope("b", started("b", 2, null, 101)),
        envelope("a", new WorkflowEvent.WorkflowCompleted(empty(), 110)),
        envelope("c", started("c", 1, "corr-c", 102)),
        envelope("c", new WorkflowEvent.WorkflowPaused(103)));
    assertEquals(List.of(
        "a wf v1 corr-a COMPLETED p5 created 100 updated 110 ended 110",
        "b wf v2 null RUNNING p5 created 101 updated 101 ended null",
        "c wf v1 corr-c PAUSED p5 created 102 updated 103 ended null"), rows());

    // second group: b fails, c resumes, a is retried, then b is restarted on version 3
    write(envelope("b", new WorkflowEvent.WorkflowFailed(io.baton.runtime.execution.WorkflowStatus.FAILED, "x",
            List.of(), empty(), null, 120)),
        envelope("c", new WorkflowEvent.WorkflowResumed(121)),
        envelope("a", new WorkflowEvent.WorkflowRetried(122)),
        envelope("b", new WorkflowEvent.WorkflowRestarted(IndexChangeTest.definition(3), 123)));
    assertEquals(List.of(
        "a wf v1 corr-a RUNNING p5 created 100 updated 122 ended null",
        "b wf v3 null RUNNING p5 created 101 updated 123 ended null",
        "c wf v1 corr-c RUNNING p5 created 102 updated 121 ended null"), rows());

    // third group: c is terminated and removed, a completes
    write(envelope("c", new WorkflowEvent.WorkflowTerminated("stop", empty(), 130)),
        envelope("c", new WorkflowEvent.WorkflowRemoved(131)),
        envelope("a", new WorkflowEvent.WorkflowCompleted(empty(), 132)));
    assertEquals(List.of(
        "a wf v1 corr-a COMPLETED p5 created 100 updated 132 ended 132",
        "b wf v3 null RUNNING p5 created 101 updated 123 ended null"), rows());
  }

  @Test
  void aStartSeenAgainRewritesTheRowInsteadOfFailing() throws Exception {
    write(envelope("a", started("a", 1, "corr", 100)), envelope("a", new WorkflowEvent.WorkflowCompleted(empty(), 110)));
    // a replayed group (the projection's offset not yet stored when a node died)
    write(envelope("a", started("a", 1, "corr", 100)));
    assertEquals(List.of("a wf v1 corr RUNNING p5 created 100 updated 100 ended null"), rows());
  }

  @SafeVarargs
  private void write(org.apache.pekko.projection.eventsourced.EventEnvelope<WorkflowEvent>... envelopes)
      throws Exception {
    WorkflowIndexHandler.write(connection, IndexChange.fold(List.of(envelopes)));
  }

  private List<String> rows() throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = connection.createStatement().executeQuery("SELECT workflow_id, workflow_type, "
        + "workflow_version, correlation_id, status, priority, create_time, update_time, end_time "
        + "FROM baton_workflow ORDER BY workflow_id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " v" + rs.getInt(3) + " " + rs.getString(4) + " "
            + rs.getString(5) + " p" + rs.getInt(6) + " created " + rs.getLong(7) + " updated " + rs.getLong(8)
            + " ended " + rs.getObject(9));
      }
    }
    return rows;
  }
}
