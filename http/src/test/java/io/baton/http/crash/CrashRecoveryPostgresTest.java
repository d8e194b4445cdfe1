package io.baton.http.crash;

import io.baton.http.support.ServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariants 1 and 2 on a real PostgreSQL, the journal a cluster uses. */
class CrashRecoveryPostgresTest {
  @Test
  void everyWorkflowCompletesAfterAKillNine() throws Exception {
    Path dir = Files.createTempDirectory("baton-crash-pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      Map<String, String> env = Map.of(
          "BATON_DB_URL", pg.getJdbcUrl("postgres", "postgres"),
          "BATON_DB_USER", "postgres",
          "BATON_DB_PASSWORD", "postgres");
      try (ServerProcess server = new ServerProcess(dir, env, dir.resolve("server.log")).start()) {
        new CrashRecoveryScenario().run(server);
      }
    }
  }
}
