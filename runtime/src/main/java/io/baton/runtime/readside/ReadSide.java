package io.baton.runtime.readside;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.baton.runtime.entity.WorkflowExecution;
import io.baton.runtime.execution.WorkflowEvent;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The read side: a projection of the executions' tagged events into summary tables, run once in
 * the cluster (a sharded daemon process), and the index that queries those tables.
 */
public final class ReadSide {
  private static final String READ_JOURNAL = "jdbc-read-journal";
  private static final String DISPATCHER = "pekko.projection.jdbc.blocking-jdbc-dispatcher";
  /** An advisory lock id of Baton's own, for schema changes made at start. */
  private static final long SCHEMA_LOCK = 0x42_61_74_6f_6eL;

  private ReadSide() {}

  /** The node's own small pool for its tables (read side, wake-ups), closed with the system. */
  public static HikariDataSource dataSource(ActorSystem<?> system, Config config) {
    HikariDataSource dataSource = dataSource(config);
    system.getWhenTerminated().thenRun(dataSource::close);
    return dataSource;
  }

  /** Where blocking JDBC calls of the node's own tables run: never on an actor thread. */
  public static Executor blocking(ActorSystem<?> system) {
    return system.dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
  }

  public static WorkflowIndex start(ActorSystem<?> system, javax.sql.DataSource dataSource) throws Exception {
    createProjectionTables(system, dataSource);

    SourceProvider<Offset, org.apache.pekko.projection.eventsourced.EventEnvelope<WorkflowEvent>> source =
        EventSourcedProvider.eventsByTag(system, READ_JOURNAL, WorkflowExecution.INDEX_TAG);
    var projection = JdbcProjection.groupedWithin(
            ProjectionId.of("workflow-index", WorkflowExecution.INDEX_TAG), source,
            () -> new DataSourceSession(dataSource), WorkflowIndexHandler::new, system)
        .withGroup(200, Duration.ofMillis(100));
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, "workflow-index", 1,
        i -> ProjectionBehavior.create(projection), ProjectionBehavior.stopMessage());

    return new JdbcWorkflowIndex(dataSource, blocking(system));
  }

  /**
   * The projection's offset tables, created under the same PostgreSQL advisory lock as the rest of
   * the schema: nodes starting at once on a fresh database would otherwise race on CREATE TABLE.
   */
  private static void createProjectionTables(ActorSystem<?> system, javax.sql.DataSource dataSource) throws Exception {
    try (java.sql.Connection lock = dataSource.getConnection()) {
      boolean postgres = lock.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
      if (postgres) {
        try (java.sql.Statement st = lock.createStatement()) {
          st.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
        }
      }
      try {
        JdbcProjection.createTablesIfNotExists(() -> new DataSourceSession(dataSource), system)
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
      } finally {
        if (postgres) {
          try (java.sql.Statement st = lock.createStatement()) {
            st.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
          }
        }
      }
    }
  }

  private static HikariDataSource dataSource(Config config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("baton-read-side");
    hikari.setJdbcUrl(config.getString("baton.db.url"));
    if (config.hasPath("baton.db.user")) hikari.setUsername(config.getString("baton.db.user"));
    if (config.hasPath("baton.db.password")) hikari.setPassword(config.getString("baton.db.password"));
    hikari.setMaximumPoolSize(4);
    return new HikariDataSource(hikari);
  }
}
