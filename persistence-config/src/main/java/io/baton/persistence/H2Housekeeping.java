package io.baton.persistence;

import com.typesafe.config.Config;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 journal file compact while the node runs: starts an {@link H2Compactor}
 * with the ActorSystem and stops it when the system terminates.
 *
 * <p>The H2 profile lists it in {@code pekko.extensions}; it does nothing unless the journal is
 * jdbc-journal on an H2 file database.
 */
public final class H2Housekeeping extends AbstractExtensionId<H2Housekeeping.Housekeeper>
    implements ExtensionIdProvider {

  public static final H2Housekeeping INSTANCE = new H2Housekeeping();

  private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

  private H2Housekeeping() {}

  @Override
  public H2Housekeeping lookup() {
    return INSTANCE;
  }

  @Override
  public Housekeeper createExtension(ExtendedActorSystem system) {
    Config config = system.settings().config();
    if (!applies(config)) {
      return new Housekeeper(null);
    }
    H2Compactor compactor;
    try {
      compactor = H2Compactor.start(config.getString("baton.db.url"),
          config.getString("baton.db.user"), config.getString("baton.db.password"));
    } catch (Exception e) {
      // the journal reports an unreachable database itself; the node can run uncompacted
      log.error("H2 housekeeping not started for {}: the journal file will not be compacted",
          JdbcUrls.redact(config.getString("baton.db.url")), e);
      compactor = null;
    }
    if (compactor != null) {
      system.registerOnTermination(compactor::close);
    }
    return new Housekeeper(compactor);
  }

  private static boolean applies(Config config) {
    return config.hasPath("baton.db.url")
        && Dialect.of(config) == Dialect.H2
        && "jdbc-journal".equals(config.getString("pekko.persistence.journal.plugin"));
  }

  /** What the extension started for one ActorSystem. */
  public static final class Housekeeper implements Extension {
    private final H2Compactor compactor;

    private Housekeeper(H2Compactor compactor) {
      this.compactor = compactor;
    }

    /** Whether the journal file is being compacted. */
    public boolean isRunning() {
      return compactor != null && compactor.isRunning();
    }

    /** Completed compaction rounds, for tests and diagnostics. */
    public long rounds() {
      return compactor == null ? 0 : compactor.rounds();
    }
  }
}
