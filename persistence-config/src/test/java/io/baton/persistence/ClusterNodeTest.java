package io.baton.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Queue;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the default configuration (cluster provider, sharding remembering entities in the
 * JDBC journal, H2 housekeeping): joins itself, runs an entity, and after a restart sharding
 * brings the entity back without any message.
 */
class ClusterNodeTest {
  private static final EntityTypeKey<Journaled.Command> TYPE =
      EntityTypeKey.create(Journaled.Command.class, "ClusterNodeTest");

  @TempDir Path dir;

  private Config config() {
    return BatonConfig.load(ConfigFactory.parseString(
        "baton.data-dir = \"" + dir.resolve("data") + "\"\n"
            + "pekko.remote.artery.canonical.port = 0\n" + TestNode.TEST_SERIALIZATION));
  }

  private static ActorSystem<Void> startNode(Config config) throws InterruptedException {
    ActorSystem<Void> system = TestNode.start(config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestNode.eventually("the node to be Up", () -> cluster.selfMember().status() == MemberStatus.up());
    ClusterSharding.get(system).init(Entity.of(TYPE,
        context -> Journaled.create(PersistenceId.of(TYPE.name(), context.getEntityId()))));
    return system;
  }

  @Test
  void rememberedEntitiesComeBackAfterARestart() throws Exception {
    Config config = config();
    assertEquals("cluster", config.getString("pekko.actor.provider"));
    SchemaCreator.createIfAbsent(config);
    String persistenceId = TYPE.name() + "|wf-1";

    ActorSystem<Void> first = startNode(config);
    try {
      org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(first);
      assertTrue(classic.hasExtension(H2Housekeeping.INSTANCE), "loaded through pekko.extensions");
      H2Housekeeping.Housekeeper housekeeper = H2Housekeeping.INSTANCE.get(classic);
      assertTrue(housekeeper.isRunning());
      TestNode.eventually("a compaction round", () -> housekeeper.rounds() > 0);
      try (Connection c = DriverManager.getConnection(config.getString("baton.db.url"), "sa", "")) {
        MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
            .getDatabase().getStore().getMvStore();
        assertEquals(H2Compactor.VERSIONS_KEPT, store.getVersionsToKeep(),
            "the node's store holds dead chunks back (H2CrashTest shows why)");
      }

      EntityRef<Journaled.Command> entity = ClusterSharding.get(first).entityRefFor(TYPE, "wf-1");
      TestNode.await(entity.ask((ActorRef<Done> r) -> new Journaled.Append("a", r), TestNode.TIMEOUT));
      TestNode.await(entity.ask((ActorRef<Done> r) -> new Journaled.Append("b", r), TestNode.TIMEOUT));
    } finally {
      TestNode.stop(first);
    }
    Queue<Integer> recoveries = Journaled.RECOVERIES.get(persistenceId);
    assertEquals(List.of(0), List.copyOf(recoveries), "recovered once, empty, in the first system");

    try (Connection c = DriverManager.getConnection(config.getString("baton.db.url"), "sa", "")) {
      assertTrue(SchemaAssertions.count(c,
          "SELECT count(*) FROM event_journal WHERE persistence_id LIKE '/sharding/%'") > 0,
          "remember-entities writes its store to the JDBC journal");
    }

    ActorSystem<Void> second = startNode(config);
    try {
      // nothing is sent to wf-1: sharding restarts it because it remembers it
      TestNode.eventually("wf-1 to be restarted by remember-entities", () -> recoveries.size() == 2);
      assertEquals(List.of(0, 2), List.copyOf(recoveries));
    } finally {
      TestNode.stop(second);
    }
  }
}
