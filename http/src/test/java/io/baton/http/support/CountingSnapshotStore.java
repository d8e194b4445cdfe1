package io.baton.http.support;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.jdbc.snapshot.JdbcSnapshotStore;
import scala.Option;
import scala.concurrent.Future;

/**
 * The node's snapshot store, counting the lookups that reach it per persistence id (a lookup
 * with no criteria is answered by Pekko before it gets here). Configured as
 * {@code jdbc-snapshot-store.class} by tests that check which recoveries read snapshots.
 */
public final class CountingSnapshotStore extends JdbcSnapshotStore {
  private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

  public CountingSnapshotStore(Config config) {
    super(config);
  }

  public static int lookups(String persistenceId) {
    AtomicInteger n = LOOKUPS.get(persistenceId);
    return n == null ? 0 : n.get();
  }

  @Override
  public Future<Option<SelectedSnapshot>> loadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    LOOKUPS.computeIfAbsent(persistenceId, id -> new AtomicInteger()).incrementAndGet();
    return super.loadAsync(persistenceId, criteria);
  }
}
