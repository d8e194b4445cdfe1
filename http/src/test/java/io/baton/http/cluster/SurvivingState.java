package io.baton.http.cluster;

import static io.baton.http.cluster.ClusterLoad.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.http.api.WorkflowRoutes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What a cluster keeps besides executions and task queues, set up before a node is SIGKILLed and
 * checked on the survivors after: the definition catalog (one sharded entity), durable event queues
 * with their handlers, and durable wake-ups of executions that sleep. The victim is the node the
 * catalog lives on; one event queue and the sleeping executions are placed on it too.
 */
final class SurvivingState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFINITIONS = 4;
  private static final int QUEUE_CANDIDATES = 6;
  private static final int SLEEPERS = 6;
  /** Long enough to be asleep at the kill and to come due only after the victim was downed. */
  private static final long WAIT_SECONDS = 25;
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private final ClusterLoad client;
  private final DataSource db;
  private Map<String, JsonNode> workflowDefs;
  private Map<String, JsonNode> taskDefs;
  private String queue;
  private int notifier = -1;
  /** Sleeping workflows and when their wake-up is due (epoch ms). */
  private final Map<String, Long> sleepers = new LinkedHashMap<>();

  /** {@code client} sends calls to any node (again to the next on a failure). */
  SurvivingState(ClusterLoad client, DataSource db) {
    this.client = client;
    this.db = db;
  }

  /** Definitions, event handlers and the WAIT workflow, registered (through any node) and read back. */
  void define() {
    for (int i = 0; i < DEFINITIONS; i++) {
      ok(client.call("POST", "/metadata/workflow", """
          {"name":"cl_def_%d","version":1,"tasks":[{"name":"nothing","taskReferenceName":"nothing","type":"NOOP"}],
           "outputParameters":{"def":"cl_def_%d","v":"${workflow.input.v}"}}""".formatted(i, i)));
    }
    ok(client.call("POST", "/metadata/workflow", """
        {"name":"cl_wait","version":1,"tasks":[{"name":"nap","taskReferenceName":"nap","type":"WAIT",
          "inputParameters":{"duration":"%ds"}}]}""".formatted(WAIT_SECONDS)));
    ok(client.call("POST", "/metadata/workflow", """
        {"name":"cl_ev_waiter","version":1,"tasks":[{"name":"approval","taskReferenceName":"approval","type":"HUMAN"}],
         "outputParameters":{"verdict":"${approval.output.verdict}"}}"""));
    // One notifier per candidate queue: sink conductor:approvals of workflow cl_ev_<i> is queue
    // conductor:cl_ev_<i>:approvals, each with its own handler.
    for (int i = 0; i < QUEUE_CANDIDATES; i++) {
      ok(client.call("POST", "/metadata/workflow", """
          {"name":"cl_ev_%d","version":1,"tasks":[{"name":"publish","taskReferenceName":"publish","type":"EVENT",
            "sink":"conductor:approvals",
            "inputParameters":{"target":"${workflow.input.target}","verdict":"${workflow.input.verdict}"}}]}""".formatted(i)));
      ok(client.call("POST", "/event", """
          {"name":"cl_ev_%d_approve","event":"%s","actions":[{"action":"complete_task",
            "complete_task":{"workflowId":"${target}","taskRefName":"approval","output":{"verdict":"${verdict}"}}}]}"""
          .formatted(i, queueOf(i))));
    }
    workflowDefs = byName(ok(client.call("GET", "/metadata/workflow", null)), "version");
    taskDefs = byName(ok(client.call("GET", "/metadata/taskdefs", null)), null);
    assertTrue(workflowDefs.containsKey("cl_def_0@1") && workflowDefs.containsKey("cl_wf@1"), workflowDefs.keySet().toString());
  }

  private static String queueOf(int notifier) {
    return "conductor:cl_ev_" + notifier + ":approvals";
  }

  /** The node whose region holds the definition catalog's only shard. */
  static ClusterNode catalogHost(List<ClusterNode> nodes) {
    List<ClusterNode> hosts = new ArrayList<>();
    for (ClusterNode n : nodes) if (!n.shards("DefinitionCatalog").isEmpty()) hosts.add(n);
    assertEquals(1, hosts.size(), "nodes holding the definition catalog");
    return hosts.get(0);
  }

  /** Runs the event flow once per candidate queue until one queue's shard is on {@code victim}. */
  void placeEventQueue(ClusterNode victim) {
    for (int i = 0; i < QUEUE_CANDIDATES && notifier < 0; i++) {
      eventFlow(i, "before-" + i);
      if (victim.shards("EventQueue").contains(ClusterNode.shardOf(queueOf(i)))) notifier = i;
    }
    assertTrue(notifier >= 0, "none of " + QUEUE_CANDIDATES + " event queues was placed on " + victim.name);
    queue = queueOf(notifier);
  }

  String queue() {
    return queue;
  }

  /**
   * A waiting HUMAN task completed by an event handler: a notifier workflow publishes the verdict
   * on the queue, the queue's handler completes the waiter's task with it.
   */
  private void eventFlow(int notifierIndex, String verdict) {
    String waiter = ok(client.call("POST", "/workflow/cl_ev_waiter", "{}"));
    String source = ok(client.call("POST", "/workflow/cl_ev_" + notifierIndex,
        "{\"target\":\"" + waiter + "\",\"verdict\":\"" + verdict + "\"}"));
    JsonNode done = awaitWorkflow(waiter, "COMPLETED");
    assertEquals(verdict, done.get("output").get("verdict").asText(), "the handler's verdict reached " + waiter);
    awaitWorkflow(source, "COMPLETED");
  }

  /**
   * Starts WAIT workflows whose executions live on {@code victim} (ids chosen by idempotency key
   * so that their shards are among the victim's) and waits until each has gone to sleep: idle, its
   * wake-up durable in baton_wakeup (passivation follows the write).
   */
  void putToSleep(ClusterNode victim) {
    Set<String> shards = victim.shards("WorkflowExecution");
    assertTrue(!shards.isEmpty(), victim.name + " holds execution shards");
    for (int k = 0; sleepers.size() < SLEEPERS; k++) {
      String key = "sleep-" + k;
      String id = WorkflowRoutes.idempotentWorkflowId("cl_wait", key);
      if (!shards.contains(ClusterNode.shardOf(id))) continue;
      assertEquals(id, ok(client.call("POST", "/workflow", "{\"name\":\"cl_wait\",\"version\":1,\"idempotencyKey\":\"" + key + "\"}")));
      sleepers.put(id, 0L);
    }
    await(WITHIN, () -> {
      Map<String, Long> due = wakeups();
      if (!due.keySet().containsAll(sleepers.keySet())) return false;
      sleepers.replaceAll((id, none) -> due.get(id));
      return true;
    }, "the WAIT workflows asleep with a wake-up");
  }

  /** Just before the kill: the sleepers still sleep on the victim, and the chosen queue is there. */
  void assertPlacedOn(ClusterNode victim) {
    long now = System.currentTimeMillis();
    Map<String, Long> due = wakeups();
    Set<String> shards = victim.shards("WorkflowExecution");
    for (String id : sleepers.keySet()) {
      assertTrue(due.containsKey(id) && due.get(id) > now + 5000, "workflow " + id + " still asleep at the kill: " + due.get(id));
      assertTrue(shards.contains(ClusterNode.shardOf(id)), "workflow " + id + " lives on " + victim.name);
    }
    assertTrue(victim.shards("EventQueue").contains(ClusterNode.shardOf(queue)), queue + " lives on " + victim.name);
  }

  /**
   * After the kill, through each survivor: every definition reads as it did before and starts; the
   * event flow on the queue that lived on the victim works; the sleepers were woken (their rows
   * cleared) no earlier than due and completed.
   */
  void checkOn(List<ClusterNode> survivors) {
    for (ClusterNode s : survivors) {
      assertEquals(workflowDefs, byName(answered(s, "GET", "/metadata/workflow", null), "version"),
          "workflow definitions read through " + s.name);
      assertEquals(taskDefs, byName(answered(s, "GET", "/metadata/taskdefs", null), null),
          "task definitions read through " + s.name);
      for (int i = 0; i < DEFINITIONS; i++) {
        String v = s.name + "-" + i;
        String id = answered(s, "POST", "/workflow/cl_def_" + i, "{\"v\":\"" + v + "\"}");
        JsonNode done = awaitWorkflow(id, "COMPLETED");
        assertEquals(parse("{\"def\":\"cl_def_" + i + "\",\"v\":\"" + v + "\"}"), done.get("output"),
            "output of cl_def_" + i + " started through " + s.name);
      }
    }
    eventFlow(notifier, "after-the-kill");
    for (var sleeper : sleepers.entrySet()) {
      JsonNode done = awaitWorkflow(sleeper.getKey(), "COMPLETED");
      long ended = done.get("tasks").get(0).get("endTime").asLong();
      assertTrue(ended >= sleeper.getValue(), "the WAIT of " + sleeper.getKey() + " ended at " + ended
          + ", not before its wake-up at " + sleeper.getValue());
    }
    await(WITHIN, () -> {
      Map<String, Long> left = wakeups();
      return sleepers.keySet().stream().noneMatch(left::containsKey);
    }, "the sleepers' wake-ups cleared");
  }

  int sleepers() {
    return sleepers.size();
  }

  private Map<String, Long> wakeups() {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT workflow_id, due_at FROM baton_wakeup");
        ResultSet rs = st.executeQuery()) {
      Map<String, Long> due = new HashMap<>();
      while (rs.next()) due.put(rs.getString(1), rs.getLong(2));
      return due;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode awaitWorkflow(String id, String status) {
    JsonNode[] last = new JsonNode[1];
    await(WITHIN, () -> {
      ClusterLoad.Reply r = client.call("GET", "/workflow/" + id, null);
      if (r.status() != 200) return false;
      last[0] = parse(r.body());
      return last[0].get("status").asText().equals(status);
    }, "workflow " + id + " " + status);
    return last[0];
  }

  /** One survivor's answer, asked again while it answers 503 (an entity's shard is moving). */
  private static String answered(ClusterNode node, String method, String path, String body) {
    ClusterNode.Reply[] last = new ClusterNode.Reply[1];
    await(WITHIN, () -> {
      last[0] = node.call(method, path, body);
      return last[0].status() != 503 && last[0].status() != 0;
    }, method + " " + path + " answered by " + node.name);
    assertEquals(200, last[0].status(), method + " " + path + " through " + node.name + ": " + last[0].body());
    return last[0].body();
  }

  /** A definition list by name (and version), so that order does not matter. */
  private static Map<String, JsonNode> byName(String list, String versionField) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode d : parse(list)) {
      String key = d.get("name").asText() + (versionField == null ? "" : "@" + d.get(versionField).asText());
      out.put(key, d);
    }
    return out;
  }

  private static String ok(ClusterLoad.Reply r) {
    assertEquals(200, r.status(), r.body());
    return r.body();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
