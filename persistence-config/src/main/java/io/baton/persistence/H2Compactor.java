package io.baton.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites sparse chunks of an H2 file database on a thread of its own, the part of H2's
 * background writer that WRITE_DELAY=0 switches off, and keeps dead chunks from being
 * overwritten until the file says they are dead.
 *
 * <p>Why the second part: with RETENTION_TIME=0 H2 may write a new chunk over a chunk that died
 * in the last version or two, while the newest complete chunk on disk still lists it as live (or
 * still needs it to reach the newest chunk from the file header). A process killed in the middle
 * of that write leaves a file whose recovery falls back to an older chunk, and commits that had
 * returned are gone (H2CrashTest cuts such writes short and finds hundreds of rows missing).
 * Keeping {@link #VERSIONS_KEPT} versions makes a dead chunk reusable only after that many later
 * chunks have been written, more than the 20 versions after which H2 rewrites the file header.
 *
 * <p>Reaches the MVStore through H2's engine classes (JdbcConnection, SessionLocal), which are
 * not a public API; the tests of this module fail if an H2 upgrade moves them.
 */
final class H2Compactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(H2Compactor.class);

  /** Chunks whose live share is below this are rewritten. */
  static final int TARGET_FILL_RATE = 50;
  /** Live bytes moved per round: small, since commits wait while a round runs. */
  static final int WRITE_LIMIT_BYTES = 4 << 20;
  static final Duration INTERVAL = Duration.ofMillis(100);
  /** Versions a dead chunk outlives before its space is reused; see the class comment. */
  static final int VERSIONS_KEPT = 32;

  private final Connection connection;
  private final MVStore store;
  private final long intervalNanos;
  private final Thread thread;
  private final AtomicLong rounds = new AtomicLong();
  private volatile boolean running = true;

  private H2Compactor(Connection connection, MVStore store, Duration interval) {
    this.connection = connection;
    this.store = store;
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::loop, "baton-h2-compactor");
    this.thread.setDaemon(true);
  }

  /**
   * Opens a connection (held until {@link #close}: it keeps the database open) and starts
   * compacting. Returns null for an in-memory database, which has no file to compact.
   */
  static H2Compactor start(String url, String user, String password) throws SQLException {
    return start(url, user, password, INTERVAL);
  }

  /** As {@link #start(String, String, String)}, with rounds {@code interval} apart. */
  static H2Compactor start(String url, String user, String password, Duration interval)
      throws SQLException {
    Connection connection = DriverManager.getConnection(url, user, password);
    try {
      SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
      MVStore store = session.getDatabase().getStore().getMvStore();
      if (store.getFileStore() == null) {
        connection.close();
        return null;
      }
      store.setVersionsToKeep(VERSIONS_KEPT);
      H2Compactor compactor = new H2Compactor(connection, store, interval);
      compactor.thread.start();
      return compactor;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  long rounds() {
    return rounds.get();
  }

  boolean isRunning() {
    return running && thread.isAlive();
  }

  private void loop() {
    while (running && !store.isClosed()) {
      // Never interrupt this thread: an interrupt during file I/O closes H2's FileChannel.
      LockSupport.parkNanos(intervalNanos);
      if (!running || store.isClosed()) {
        break;
      }
      try {
        store.compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
        rounds.incrementAndGet();
      } catch (RuntimeException e) {
        if (store.isClosed()) {
          break;
        }
        log.warn("H2 compaction round failed", e);
      }
    }
  }

  /** Stops the thread (waiting for a round in progress) and closes the connection. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("closing the H2 compactor's connection failed", e);
    }
  }
}
