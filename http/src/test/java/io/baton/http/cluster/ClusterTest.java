package io.baton.http.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.http.api.WorkflowRoutes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Baton as a cluster: real server JVMs on loopback, one real PostgreSQL (one database per test),
 * clients that poll and update through every node. The number of workflows is
 * {@code -Dbaton.cluster.workflows} (default 1000).
 */
class ClusterTest {
  private static final int WORKFLOWS = Integer.getInteger("baton.cluster.workflows", 1000);
  private static final int WORKERS_PER_TYPE = 3;
  private static final Duration RESUMED_AFTER_DOWNING = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedPostgres pg;
  private static int databases;

  private final List<ClusterNode> nodes = new ArrayList<>();
  private Path dir;
  /** The test's own connections to the current test's database. */
  private DataSource dataSource;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) pg.close();
  }

  @AfterEach
  void stopNodes() throws InterruptedException {
    for (ClusterNode n : nodes) n.close();
  }

  /** A fresh database, so that no remembered entity of another test's cluster comes back. */
  private String database() throws Exception {
    String name = "cluster" + (++databases);
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    dir = Files.createTempDirectory("baton-" + name);
    dataSource = pg.getDatabase("postgres", name);
    return pg.getJdbcUrl("postgres", name);
  }

  private ClusterNode node(String name, String dbUrl) {
    ClusterNode n = new ClusterNode(name, dir, dbUrl);
    nodes.add(n);
    return n;
  }

  /** Three nodes joined by seed nodes (the first is the seed), all ready. */
  private List<ClusterNode> seedCluster(String dbUrl) throws Exception {
    ClusterNode first = node("n1", dbUrl);
    first.env("BATON_SEED_NODES", first.clusterAddress()).start();
    await(Duration.ofSeconds(90), first::ready, "n1 ready");
    List<ClusterNode> three = new ArrayList<>(List.of(first));
    for (String name : List.of("n2", "n3")) {
      three.add(node(name, dbUrl).env("BATON_SEED_NODES", first.clusterAddress()).start());
    }
    for (ClusterNode n : three) await(Duration.ofSeconds(90), n::ready, n.name + " ready");
    awaitMembersUp(first, 3);
    return three;
  }

  @Test
  void aKilledNodeLosesNoWork() throws Exception {
    String db = database();
    // Formed by cluster bootstrap with config discovery: every node lists every node's management port.
    List<ClusterNode> three = List.of(node("n1", db), node("n2", db), node("n3", db));
    String endpoints = String.join(",", three.stream().map(ClusterNode::managementAddress).toList());
    long formStart = System.nanoTime();
    // The first node starts alone until it is bound: the read side's tables are created without the
    // schema lock (ReadSide.start), and concurrent CREATE TABLE IF NOT EXISTS on a fresh PostgreSQL
    // database can fail (see the report of issue 5). It cannot form the cluster before the others
    // answer: three contact points are required.
    for (ClusterNode n : three) {
      n.env("BATON_BOOTSTRAP_ENDPOINTS", endpoints).env("BATON_BOOTSTRAP_REQUIRED_CONTACTS", "3")
          // Executions with nothing in a queue go to sleep after 4 s instead of 30 s, so that WAIT
          // workflows are asleep (durable wake-up, out of memory) at the kill without a long wait.
          .env("BATON_EXECUTION_IDLE_TIMEOUT", "4s")
          .start();
      if (n == three.get(0)) await(Duration.ofSeconds(90), n::bound, "n1 bound");
    }
    for (ClusterNode n : three) await(Duration.ofSeconds(120), n::ready, n.name + " ready");
    awaitMembersUp(three.get(0), 3);
    System.out.printf("[cluster] bootstrap formed 3 nodes in %d ms%n", millisSince(formStart));
    assertShardEndpointAnswers(three.get(0));

    List<ClusterNode> targets = new CopyOnWriteArrayList<>(three);
    ClusterLoad load = new ClusterLoad(targets, WORKFLOWS, "kill");
    load.define();
    SurvivingState state = new SurvivingState(load, dataSource);
    state.define();
    // The victim is the node the definition catalog lives on, whichever node the definitions went
    // through, to show that the catalog is shared, durable state.
    ClusterNode victim = SurvivingState.catalogHost(three);
    List<ClusterNode> survivors = three.stream().filter(n -> n != victim).toList();
    state.placeEventQueue(victim);
    long runStart = System.nanoTime();
    load.begin(WORKERS_PER_TYPE);
    try {
      await(Duration.ofSeconds(180), () -> load.completions() >= load.total() / 3, "a third of the work done");
      state.putToSleep(victim);
      state.assertPlacedOn(victim);
      int atKill = load.completions();
      victim.kill();
      long killedAt = System.nanoTime();
      awaitMembersUp(survivors.get(0), 2);
      long downedMillis = millisSince(killedAt);
      // Once the resolver has downed the victim, its shards start on the survivors at once: polling
      // resumes within seconds (about 7 s on 2 cores), far inside this bound.
      await(RESUMED_AFTER_DOWNING, () -> load.lastHandOutNanos.get() > System.nanoTime() - 1_000_000_000L
          && load.completions() > atKill + 50, "tasks handed out again after the victim was downed");
      long resumedMillis = millisSince(killedAt);
      state.checkOn(survivors);
      long stateMillis = millisSince(killedAt);
      load.awaitAllCompleted(Duration.ofSeconds(300));
      long runMillis = millisSince(runStart);
      load.end();
      int retried = load.verify();
      ExecutionJournal.Events journal;
      try (ExecutionJournal reader = new ExecutionJournal(); Connection c = dataSource.getConnection()) {
        journal = reader.read(c);
      }
      int journaled = load.verifyJournal(journal.byWorkflow());
      assertEquals(load.total(), journaled, "task completions in the journal");
      assertTrue(atKill < load.total(), "the kill came before the work was done");
      System.out.printf("[cluster] kill: %d workflows in %d ms; %s (catalog, queue %s, %d sleepers) killed at %d/%d tasks;"
              + " victim downed after %d ms; work flowing again after %d ms; catalog, event queue and wake-ups checked"
              + " %d ms after the kill; %d journal rows read; %d attempts timed out and ran again; %s%n",
          WORKFLOWS, runMillis, victim.name, state.queue(), state.sleepers(), atKill, load.total(), downedMillis,
          resumedMillis, stateMillis, journal.rows(), retried, load.summary());
      for (ClusterNode survivor : survivors) {
        assertTrue(load.handedOutBy.getOrDefault(survivor.name, new java.util.concurrent.atomic.AtomicInteger()).get() > 0,
            survivor.name + " served polls");
      }
    } finally {
      load.end();
    }
  }

  /**
   * The offer ledger on its own, apart from execution recovery: the executions live on the two nodes
   * that survive, the queue their tasks wait in lives on the node that is SIGKILLed. Nothing restarts
   * the executions (their shards stay on their nodes, watched throughout), so only the ledgers of
   * the survivors can put the tasks back when the queue starts again on a survivor.
   */
  @Test
  void tasksOfAQueueThatDiedWithItsNodeComeBackFromTheOfferLedgers() throws Exception {
    String db = database();
    List<ClusterNode> three = seedCluster(db);
    ClusterNode first = three.get(0);
    assertEquals(200, first.call("POST", "/metadata/taskdefs", "[{\"name\":\"ol_task\",\"retryCount\":0}]").status());
    assertEquals(200, first.call("POST", "/metadata/workflow", """
        {"name":"ol_wf","version":1,"tasks":[{"name":"ol_task","taskReferenceName":"t"}]}""").status());
    // The queue's shard is placed by its first message, an empty poll; the node it lands on dies.
    assertEquals(200, first.call("GET", "/tasks/poll/batch/ol_task?count=1&timeout=0", null).status());
    ClusterNode victim = hostOf(three, "TaskQueue", ClusterNode.shardOf("ol_task"));
    List<ClusterNode> survivors = three.stream().filter(n -> n != victim).toList();

    // Executions only on survivors, two on each: a candidate workflow's shard is placed by reading
    // the workflow before it exists (404), and the candidate is kept if that shard is on a survivor.
    Map<String, ClusterNode> homes = new LinkedHashMap<>();
    for (int i = 0; survivors.stream().anyMatch(s -> Collections.frequency(homes.values(), s) < 2); i++) {
      assertTrue(i < 40, "two executions on each survivor among 40 candidates: " + homes);
      String id = WorkflowRoutes.idempotentWorkflowId("ol_wf", "ledger-" + i);
      ClusterNode.Reply unknown = first.call("GET", "/workflow/" + id, null);
      assertEquals(404, unknown.status(), unknown.body());
      ClusterNode home = hostOf(three, "WorkflowExecution", ClusterNode.shardOf(id));
      if (home != victim) {
        ClusterNode.Reply started = first.call("POST", "/workflow",
            "{\"name\":\"ol_wf\",\"version\":1,\"idempotencyKey\":\"ledger-" + i + "\"}");
        assertEquals(200, started.status(), started.body());
        assertEquals(id, started.body());
        homes.put(id, home);
      }
    }
    await(Duration.ofSeconds(30), () -> queued(first, "ol_task") == homes.size(),
        "the " + homes.size() + " tasks wait in the queue on " + victim.name);
    assertExecutionsStayed(homes);

    victim.kill();
    long killedAt = System.nanoTime();
    awaitMembersUp(survivors.get(0), 2);
    long downedMillis = millisSince(killedAt);
    Map<String, String> polled = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int i = 0; polled.size() < homes.size(); i++) {
      assertTrue(System.nanoTime() < deadline, "within 60 s of the kill, polled only the tasks of " + polled.keySet()
          + " of " + homes.keySet());
      assertExecutionsStayed(homes);
      ClusterNode via = survivors.get(i % survivors.size());
      ClusterNode.Reply r = via.call("GET", "/tasks/poll/batch/ol_task?count=4&timeout=1000&workerid=ledger", null);
      if (r.status() != 200) {
        // 503 or no answer while the queue's shard has no home yet
        ClusterLoad.pause(200);
        continue;
      }
      for (JsonNode t : JSON.readTree(r.body())) {
        String workflowId = t.get("workflowInstanceId").asText();
        assertTrue(homes.containsKey(workflowId), "a task of " + workflowId);
        assertEquals(null, polled.put(workflowId, t.get("taskId").asText()), "handed out twice: the task of " + workflowId);
      }
    }
    long polledMillis = millisSince(killedAt);
    for (var task : polled.entrySet()) {
      ClusterNode.Reply done = survivors.get(0).call("POST", "/tasks", "{\"workflowInstanceId\":\"" + task.getKey()
          + "\",\"taskId\":\"" + task.getValue() + "\",\"status\":\"COMPLETED\",\"outputData\":{\"by\":\"ledger\"}}");
      assertEquals(200, done.status(), done.body());
    }
    for (String id : homes.keySet()) {
      await(Duration.ofSeconds(30), () -> {
        ClusterNode.Reply r = survivors.get(1).call("GET", "/workflow/" + id, null);
        return r.status() == 200 && r.body().contains("\"status\":\"COMPLETED\"");
      }, id + " COMPLETED");
    }
    assertExecutionsStayed(homes);
    System.out.printf("[cluster] ledger: queue ol_task on %s killed with %d tasks waiting, executions on %s;"
            + " victim downed after %d ms; all polled again after %d ms%n", victim.name, homes.size(),
        survivors.stream().map(n -> n.name).toList(), downedMillis, polledMillis);
  }

  @Test
  void aFourthNodeJoinsMidRunAndTakesShards() throws Exception {
    String db = database();
    List<ClusterNode> three = seedCluster(db);
    List<ClusterNode> targets = new CopyOnWriteArrayList<>(three);
    ClusterLoad load = new ClusterLoad(targets, WORKFLOWS, "join");
    load.define();
    long runStart = System.nanoTime();
    load.begin(WORKERS_PER_TYPE);
    try {
      await(Duration.ofSeconds(180), () -> load.completions() >= load.total() / 4, "a quarter of the work done");
      ClusterNode fourth = node("n4", db).env("BATON_SEED_NODES", three.get(0).clusterAddress()).start();
      long joinStart = System.nanoTime();
      await(Duration.ofSeconds(90), fourth::ready, "n4 ready");
      awaitMembersUp(three.get(0), 4);
      long joinedMillis = millisSince(joinStart);
      targets.add(fourth);
      await(Duration.ofSeconds(60), () -> localShards(fourth, "WorkflowExecution") > 0, "execution shards on n4");
      load.awaitAllCompleted(Duration.ofSeconds(300));
      long runMillis = millisSince(runStart);
      load.end();
      int retried = load.verify();
      assertEquals(List.of(), load.failures, "no failed client calls");
      assertTrue(load.handedOutBy.getOrDefault("n4", new java.util.concurrent.atomic.AtomicInteger()).get() > 0,
          "n4 served polls: " + load.summary());
      System.out.printf("[cluster] join: %d workflows in %d ms; n4 Up after %d ms, holds %d execution shards and %d queue"
              + " shards; %d attempts ran again; %s%n", WORKFLOWS, runMillis, joinedMillis,
          localShards(fourth, "WorkflowExecution"), localShards(fourth, "TaskQueue"), retried, load.summary());
    } finally {
      load.end();
    }
  }

  @Test
  void aNodeLeavingOnSigtermFailsNoClientCall() throws Exception {
    String db = database();
    List<ClusterNode> three = seedCluster(db);
    List<ClusterNode> targets = new CopyOnWriteArrayList<>(three);
    ClusterLoad load = new ClusterLoad(targets, WORKFLOWS, "leave");
    load.define();
    long runStart = System.nanoTime();
    load.begin(WORKERS_PER_TYPE);
    try {
      await(Duration.ofSeconds(180), () -> load.completions() >= load.total() / 3, "a third of the work done");
      ClusterNode leaving = three.get(2);
      long termAt = System.nanoTime();
      leaving.terminate();
      assertTrue(leaving.awaitExit(Duration.ofSeconds(60)), "the JVM exits after leaving");
      long exitMillis = millisSince(termAt);
      awaitMembersUp(three.get(0), 2);
      load.awaitAllCompleted(Duration.ofSeconds(300));
      long runMillis = millisSince(runStart);
      load.end();
      int retried = load.verify();
      assertEquals(List.of(), load.failures, "no failed client calls");
      for (ClusterNode survivor : List.of(three.get(0), three.get(1))) {
        // Left, not downed: the split-brain resolver (which logs its decisions as warnings) had nothing to do.
        assertTrue(!new String(Files.readAllBytes(survivor.log())).contains("SBR took decision"),
            "the node left gracefully; see " + survivor.log());
      }
      System.out.printf("[cluster] leave: %d workflows in %d ms; SIGTERM to exit %d ms; %d attempts ran again; %s%n",
          WORKFLOWS, runMillis, exitMillis, retried, load.summary());
    } finally {
      load.end();
    }
  }

  @Test
  void badBootstrapEndpointsStopTheNodeNamingTheVariable() throws Exception {
    String db = database();
    ClusterNode bad = node("bad", db).env("BATON_BOOTSTRAP_ENDPOINTS", "127.0.0.1:notaport").start();
    assertTrue(bad.awaitExit(Duration.ofSeconds(60)), "the node stops");
    String log = new String(Files.readAllBytes(bad.log()));
    assertTrue(log.contains("BATON_BOOTSTRAP_ENDPOINTS") && log.contains("127.0.0.1:notaport"), log);
  }

  private static void assertShardEndpointAnswers(ClusterNode node) throws Exception {
    ClusterNode.Reply members = node.management("/cluster/members");
    assertEquals(200, members.status(), members.body());
    assertEquals(3, JSON.readTree(members.body()).get("members").size(), members.body());
    ClusterNode.Reply alive = node.management("/alive");
    assertEquals(200, alive.status(), alive.body());
  }

  /** Shards of an entity type hosted by this node, from its management endpoint. */
  private static int localShards(ClusterNode node, String typeName) {
    return node.shards(typeName).size();
  }

  /** The one node whose region holds this shard (once it is placed). */
  private static ClusterNode hostOf(List<ClusterNode> nodes, String typeName, String shard) {
    ClusterNode[] host = new ClusterNode[1];
    await(Duration.ofSeconds(10), () -> {
      List<ClusterNode> holding = nodes.stream().filter(n -> n.shards(typeName).contains(shard)).toList();
      host[0] = holding.size() == 1 ? holding.get(0) : null;
      return host[0] != null;
    }, "exactly one node holds shard " + shard + " of " + typeName);
    return host[0];
  }

  /** Each execution's shard is still on the node it was on: the execution did not start again. */
  private static void assertExecutionsStayed(Map<String, ClusterNode> homes) {
    Map<ClusterNode, java.util.Set<String>> shardsOf = new HashMap<>();
    homes.forEach((id, home) -> assertTrue(
        shardsOf.computeIfAbsent(home, n -> n.shards("WorkflowExecution")).contains(ClusterNode.shardOf(id)),
        "the execution of " + id + " left " + home.name + " (its shard moved, so it started again elsewhere)"));
  }

  private static long queued(ClusterNode node, String taskType) {
    ClusterNode.Reply r = node.call("GET", "/tasks/queue/sizes?taskType=" + taskType, null);
    if (r.status() != 200) return -1;
    try {
      return JSON.readTree(r.body()).get(taskType).asLong();
    } catch (Exception e) {
      throw new AssertionError(r.body(), e);
    }
  }

  private static void awaitMembersUp(ClusterNode via, int count) {
    await(Duration.ofSeconds(90), () -> {
      ClusterNode.Reply r = via.management("/cluster/members");
      if (r.status() != 200) return false;
      try {
        JsonNode members = JSON.readTree(r.body()).get("members");
        int up = 0;
        for (JsonNode m : members) if (m.get("status").asText().equals("Up")) up++;
        return up == count && members.size() == count && JSON.readTree(r.body()).get("unreachable").isEmpty();
      } catch (Exception e) {
        return false;
      }
    }, count + " members Up");
  }

  private static void await(Duration within, BooleanSupplier condition, String what) {
    ClusterLoad.await(within, condition, what);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
