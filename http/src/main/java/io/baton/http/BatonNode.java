package io.baton.http;

import com.typesafe.config.Config;
import io.baton.bridge.WorkerBridge;
import io.baton.http.api.ApiRoutes;
import io.baton.http.api.Backend;
import io.baton.http.api.Responses;
import io.baton.http.system.SystemTaskRunner;
import io.baton.http.system.SystemTasks;
import io.baton.persistence.JournalSettings;
import io.baton.persistence.SchemaCreator;
import io.baton.runtime.catalog.DefinitionCatalog;
import io.baton.runtime.entity.WorkflowExecution;
import io.baton.runtime.events.EventHandlerRegistry;
import io.baton.runtime.events.EventQueue;
import io.baton.runtime.readside.ReadSide;
import io.baton.runtime.readside.WorkflowIndex;
import io.baton.runtime.timers.JdbcWakeups;
import io.baton.runtime.timers.WakeupScanner;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/** One running Baton node: the actor system, its sharded entities, and the HTTP API. */
public final class BatonNode implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  private BatonNode(ActorSystem<Void> system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  public static BatonNode start(Config config) throws Exception {
    SchemaCreator.createIfAbsent(config);
    JournalSettings.pinOrRefuse(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "baton", config);
    try {
      Cluster cluster = Cluster.get(system);
      // Members, shards and health over HTTP; cluster bootstrap needs it to find its peers.
      PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      join(config, system, cluster);
      Clock clock = Clock.systemUTC();
      WorkerBridge bridge = new WorkerBridge(system, clock);
      var db = ReadSide.dataSource(system, config);
      var wakeups = new JdbcWakeups(db, ReadSide.blocking(system));
      WorkflowExecution.init(system, bridge, wakeups, clock);
      DefinitionCatalog.init(system, clock);
      EventHandlerRegistry.init(system);
      EventQueue.init(system, clock);
      WorkflowIndex index = ReadSide.start(system, db);
      WakeupScanner.start(system, wakeups, clock);

      Responses.instanceName(cluster.selfMember().address().hostPort());
      Backend backend = new Backend(system, bridge, Duration.ofSeconds(15));
      new SystemTaskRunner(backend, SystemTasks.create(backend), 64,
          "baton-" + cluster.selfMember().address().hostPort()).start();
      ApiRoutes api = new ApiRoutes(backend, index, config.getBytes("baton.http.max-body-bytes"));
      ServerBinding binding = Http.get(system)
          .newServerAt(config.getString("baton.http.host"), config.getInt("baton.http.port"))
          .bind(api.route())
          .toCompletableFuture().get(30, TimeUnit.SECONDS)
          .addToCoordinatedShutdown(Duration.ofSeconds(10), system);
      return new BatonNode(system, binding);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  /**
   * Seed nodes join by themselves (Pekko reads pekko.cluster.seed-nodes); bootstrap endpoints
   * start cluster bootstrap; neither: a cluster of one.
   */
  private static void join(Config config, ActorSystem<Void> system, Cluster cluster) {
    if (!config.getStringList("pekko.cluster.seed-nodes").isEmpty()) return;
    if (!config.getString("baton.cluster.bootstrap-endpoints").isBlank()) {
      ClusterBootstrap.get(system).start();
    } else {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
