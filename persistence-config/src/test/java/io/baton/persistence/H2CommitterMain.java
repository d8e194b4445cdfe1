package io.baton.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Child JVM of H2KillTest: inserts rows one commit at a time and prints "committed N" after each
 * commit returns, while an H2Compactor rewrites chunks as in a running node. Runs until killed.
 */
public final class H2CommitterMain {
  private H2CommitterMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        H2Compactor compactor = H2Compactor.start(url, "sa", "")) {
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
      }
    }
  }
}
