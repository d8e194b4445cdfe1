package io.baton.persistence;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;

/**
 * Persistence ids this node has just made up and that therefore cannot have a journal yet: an
 * entity's recovery can skip reading what cannot exist. Every read skipped is a database round
 * trip off the path of a new execution's start (BENCHMARK.md's W1 latency).
 *
 * <p>Only a caller that made the id up itself (a random UUID, never an id a client chose or one
 * that is derived and may be sent again) may {@link #register} it, and it {@link #forget}s it once
 * its first message to the entity is answered or has failed, so an entry lives only while that
 * entity is being created. The journal {@link #claim}s an id once: a second recovery of the same
 * entity (a restart after a failed write that may have reached the database) reads the journal as
 * usual.
 */
public final class NewPersistenceIds implements Extension {
  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  /** The node's registry; a classic or a typed actor system, or a materializer's system. */
  public static NewPersistenceIds get(ClassicActorSystemProvider system) {
    return Id.INSTANCE.get(system);
  }

  public void register(String persistenceId) {
    ids.add(persistenceId);
  }

  public void forget(String persistenceId) {
    ids.remove(persistenceId);
  }

  /** Whether the id is new; it stays new. */
  public boolean isNew(String persistenceId) {
    return ids.contains(persistenceId);
  }

  /** Whether the id was new; from now on it is not. */
  public boolean claim(String persistenceId) {
    return ids.remove(persistenceId);
  }

  /** How many ids are registered and neither claimed nor forgotten: zero on an idle node. */
  public int pending() {
    return ids.size();
  }

  /** The extension's id: one registry per actor system. */
  public static final class Id extends AbstractExtensionId<NewPersistenceIds> implements ExtensionIdProvider {
    public static final Id INSTANCE = new Id();

    private Id() {}

    @Override
    public Id lookup() {
      return INSTANCE;
    }

    @Override
    public NewPersistenceIds createExtension(ExtendedActorSystem system) {
      return new NewPersistenceIds();
    }
  }
}
