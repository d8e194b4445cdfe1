package io.baton.http.crash;

import io.baton.http.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariants 1 and 2 on the embedded default: an H2 file journal, server SIGKILLed mid-run. */
class CrashRecoveryH2Test {
  @Test
  void everyWorkflowCompletesAfterAKillNine() throws Exception {
    Path dir = Files.createTempDirectory("baton-crash-h2");
    try (ServerProcess server = new ServerProcess(dir, Map.of(), dir.resolve("server.log")).start()) {
      new CrashRecoveryScenario().run(server);
    }
  }
}
