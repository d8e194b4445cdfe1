package io.baton.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of H2KillTest and H2CrashTest: inserts rows one commit at a time and prints
 * "committed N" after each commit returns, while an H2Compactor rewrites chunks as in a running
 * node. Runs until killed.
 *
 * <p>Arguments: the URL; then, for H2CrashTest, which chunk write {@link CutShortFilePath} cuts
 * short (its warm-up count, and "header" or "any"), the compactor's interval and the pause
 * between commits, both in microseconds.
 */
public final class H2CommitterMain {
  private H2CommitterMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Duration compactionInterval = H2Compactor.INTERVAL;
    long pauseNanos = 0;
    if (args.length > 1) {
      CutShortFilePath.register(Long.parseLong(args[1]), args[2].equals("header"));
      compactionInterval = Duration.ofNanos(Long.parseLong(args[3]) * 1000);
      pauseNanos = Long.parseLong(args[4]) * 1000;
    }
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        H2Compactor compactor = H2Compactor.start(url, "sa", "", compactionInterval)) {
      c.createStatement().execute(
          "CREATE TABLE IF NOT EXISTS committed (id BIGINT PRIMARY KEY, payload VARBINARY NOT NULL)");
      c.setAutoCommit(false);
      PreparedStatement insert = c.prepareStatement("INSERT INTO committed (id, payload) VALUES (?, ?)");
      byte[] payload = new byte[200];
      for (long id = 1; ; id++) {
        insert.setLong(1, id);
        insert.setBytes(2, payload);
        insert.executeUpdate();
        c.commit();
        System.out.println("committed " + id);
        System.out.flush();
        if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
      }
    }
  }
}
