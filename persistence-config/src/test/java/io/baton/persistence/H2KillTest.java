package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What H2 acknowledged as committed is still there after the process is killed with SIGKILL
 * (Process.destroyForcibly on Linux): no shutdown hook, no flush, no close.
 */
class H2KillTest {
  @TempDir Path dir;

  @Test
  void everyRowPrintedAsCommittedSurvivesKill() throws Exception {
    Config config = TestNode.localConfig("baton.data-dir = \"" + dir.resolve("data") + "\"");
    String url = config.getString("baton.db.url");
    long killAfter = ThreadLocalRandom.current().nextLong(500, 3000);

    Process child = ChildJvm.start(H2CommitterMain.class, Map.of(), url);
    long lastCommitted = readUntilKilled(child, line -> line.startsWith("committed ")
        && Long.parseLong(line.substring("committed ".length())) >= killAfter, List.of());
    assertEquals(killAfter, lastCommitted);

    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      long present = SchemaAssertions.count(c, "SELECT count(*) FROM committed WHERE id <= " + lastCommitted);
      assertEquals(lastCommitted, present, "rows acknowledged as committed before the kill");
    }
  }

  @Test
  void everyAcknowledgedPersistSurvivesKill() throws Exception {
    Path dataDir = dir.resolve("data");
    int killAfterTotal = ThreadLocalRandom.current().nextInt(300, 800);

    Process child = ChildJvm.start(JournalWriterMain.class, Map.of(), dataDir.toString());
    List<String> lines = new ArrayList<>();
    int[] total = {0};
    readUntilKilled(child, line -> line.startsWith("persisted ") && ++total[0] >= killAfterTotal, lines);

    Map<String, Integer> acknowledged = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith("persisted ")) {
        String[] parts = line.split(" ");
        acknowledged.merge(parts[1], Integer.parseInt(parts[2]), Math::max);
      }
    }
    assertEquals(JournalWriterMain.ENTITIES, acknowledged.size(), "every writer got acknowledgements");

    ActorSystem<Void> system = TestNode.start(TestNode.localConfig("baton.data-dir = \"" + dataDir + "\""));
    try {
      for (Map.Entry<String, Integer> entry : acknowledged.entrySet()) {
        String id = entry.getKey();
        ActorRef<Journaled.Command> entity =
            system.systemActorOf(Journaled.create(PersistenceId.ofUniqueId(id)), id, Props.empty());
        List<String> recovered = TestNode.await(TestNode.ask(system, entity, Journaled.Read::new));
        assertTrue(recovered.size() >= entry.getValue(),
            id + ": acknowledged " + entry.getValue() + ", recovered " + recovered.size());
        for (int n = 1; n <= recovered.size(); n++) {
          assertEquals(id + "/" + n, recovered.get(n - 1));
        }
      }
    } finally {
      TestNode.stop(system);
    }
  }

  /**
   * Reads the child's output until a line matches, kills the child right there and returns the
   * number at the end of that line; collects every line read into {@code lines}.
   */
  private static long readUntilKilled(Process child, Predicate<String> killNow, List<String> lines)
      throws Exception {
    List<String> collected = lines instanceof ArrayList ? lines : new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        collected.add(line);
        if (killNow.test(line)) {
          child.destroyForcibly();
          assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
          assertEquals(137, child.exitValue(), "killed by SIGKILL");
          return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      throw new AssertionError("child ended before the kill: " + String.join("\n", tail(collected)));
    } finally {
      child.destroyForcibly();
    }
  }

  private static List<String> tail(List<String> lines) {
    return lines.subList(Math.max(0, lines.size() - 40), lines.size());
  }
}
