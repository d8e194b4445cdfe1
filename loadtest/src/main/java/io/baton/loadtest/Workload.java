package io.baton.loadtest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark workload of BENCHMARK.md as the definitions the load generator registers.
 *
 * <p>Every SIMPLE task of a workload has the same task type, so the workers poll one queue and the
 * figures measure the engine rather than how workers spread polls over queues. Every SIMPLE task's
 * input has an {@code in} parameter mapped from an earlier step; a worker that receives it null
 * counts an error, so a server that skips the mapping cannot look fast.
 *
 * @param name the workload's name on the command line and in the RESULT line
 * @param workflowName the workflow definition's name on the server
 * @param taskType the SIMPLE tasks' type (and task definition name)
 * @param workerTasks how many worker tasks one execution runs
 * @param workflowDef the workflow definition as JSON
 */
public record Workload(String name, String workflowName, String taskType, int workerTasks, String workflowDef) {

  static final String OWNER = "loadtest@baton.invalid";
  /** The HUMAN task's reference name, by which the holding run completes it. */
  static final String HUMAN_REF = "human";

  public static final Workload W1 = new Workload("W1", "baton_lt_w1", "baton_lt_w1_task", 1, """
      {"name": "baton_lt_w1", "version": 1, "schemaVersion": 2, "ownerEmail": "%s",
       "tasks": [
         {"name": "baton_lt_w1_task", "taskReferenceName": "t1", "type": "SIMPLE",
          "inputParameters": {"in": "${workflow.input.payload}"}}]}
      """.formatted(OWNER));

  public static final Workload W3 = new Workload("W3", "baton_lt_w3", "baton_lt_w3_task", 3, """
      {"name": "baton_lt_w3", "version": 1, "schemaVersion": 2, "ownerEmail": "%s",
       "tasks": [
         {"name": "baton_lt_w3_task", "taskReferenceName": "t1", "type": "SIMPLE",
          "inputParameters": {"in": "${workflow.input.payload}"}},
         {"name": "baton_lt_w3_task", "taskReferenceName": "t2", "type": "SIMPLE",
          "inputParameters": {"in": "${t1.output.v}"}},
         {"name": "baton_lt_w3_task", "taskReferenceName": "t3", "type": "SIMPLE",
          "inputParameters": {"in": "${t2.output.v}"}}]}
      """.formatted(OWNER));

  public static final Workload WS = new Workload("WS", "baton_lt_ws", "baton_lt_ws_task", 1, """
      {"name": "baton_lt_ws", "version": 1, "schemaVersion": 2, "ownerEmail": "%s",
       "tasks": [
         {"name": "s1", "taskReferenceName": "s1", "type": "SET_VARIABLE",
          "inputParameters": {"a": "${workflow.input.payload}"}},
         {"name": "s2", "taskReferenceName": "s2", "type": "SET_VARIABLE",
          "inputParameters": {"b": "${workflow.variables.a}"}},
         {"name": "s3", "taskReferenceName": "s3", "type": "SET_VARIABLE",
          "inputParameters": {"c": "${workflow.variables.b}"}},
         {"name": "baton_lt_ws_task", "taskReferenceName": "t1", "type": "SIMPLE",
          "inputParameters": {"in": "${workflow.variables.c}"}}]}
      """.formatted(OWNER));

  public static final Workload WSM = new Workload("WSM", "baton_lt_wsm", "baton_lt_wsm_task", 1, """
      {"name": "baton_lt_wsm", "version": 1, "schemaVersion": 2, "ownerEmail": "%s",
       "tasks": [
         {"name": "s1", "taskReferenceName": "s1", "type": "SET_VARIABLE",
          "inputParameters": {"a": "${workflow.input.payload}"}},
         {"name": "jq", "taskReferenceName": "jq", "type": "JSON_JQ_TRANSFORM",
          "inputParameters": {"a": "${workflow.variables.a}",
                              "queryExpression": "{ n: (.a | length), a: .a }"}},
         {"name": "js", "taskReferenceName": "js", "type": "INLINE",
          "inputParameters": {"n": "${jq.output.result.n}", "a": "${jq.output.result.a}",
                              "evaluatorType": "graaljs",
                              "expression": "(function () { return $.a + ':' + ($.n * 2); })()"}},
         {"name": "baton_lt_wsm_task", "taskReferenceName": "t1", "type": "SIMPLE",
          "inputParameters": {"in": "${js.output.result}"}}]}
      """.formatted(OWNER));

  public static final Workload WF = new Workload("WF", "baton_lt_wf", "baton_lt_wf_task", 10, forkJoin(10));

  /** The holding workload: one HUMAN task, completed by reference name, never polled. */
  public static final Workload HUMAN = new Workload("HUMAN", "baton_lt_human", "baton_lt_human_task", 0, """
      {"name": "baton_lt_human", "version": 1, "schemaVersion": 2, "ownerEmail": "%s",
       "tasks": [
         {"name": "baton_lt_human_task", "taskReferenceName": "%s", "type": "HUMAN",
          "inputParameters": {"in": "${workflow.input.payload}"}}]}
      """.formatted(OWNER, HUMAN_REF));

  static final List<Workload> ALL = List.of(W1, W3, WS, WSM, WF);

  private static String forkJoin(int branches) {
    StringBuilder forks = new StringBuilder();
    StringBuilder joinOn = new StringBuilder();
    for (int i = 0; i < branches; i++) {
      String sep = i == 0 ? "" : ", ";
      forks.append(sep).append("""
          [{"name": "baton_lt_wf_task", "taskReferenceName": "f%d", "type": "SIMPLE",
            "inputParameters": {"in": "${workflow.input.payload}"}}]""".formatted(i));
      joinOn.append(sep).append("\"f").append(i).append('"');
    }
    return """
        {"name": "baton_lt_wf", "version": 1, "schemaVersion": 2, "ownerEmail": "%s",
         "tasks": [
           {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [%s]},
           {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": [%s]}]}
        """.formatted(OWNER, forks, joinOn);
  }

  public static Workload named(String name) {
    for (Workload w : ALL) {
      if (w.name.equals(name.toUpperCase(Locale.ROOT))) return w;
    }
    throw new UsageException("unknown --workload '" + name + "' ("
        + String.join(", ", ALL.stream().map(Workload::name).toList()) + ")");
  }

  /** The task definition: no retries, so a lost task fails its workflow instead of hiding as a slow one. */
  public String taskDef() {
    return """
        {"name": "%s", "retryCount": 0, "responseTimeoutSeconds": 60, "timeoutSeconds": 0,
         "ownerEmail": "%s"}
        """.formatted(taskType, OWNER);
  }

  /** A workflow input of about 200 bytes. */
  public static String input(long seq) {
    return "{\"payload\": \"" + filler(seq, 180) + "\"}";
  }

  /** A worker output of about 100 bytes. */
  public static String output(long seq) {
    return "{\"v\": \"" + filler(seq, 90) + "\"}";
  }

  private static String filler(long seq, int length) {
    char[] chars = new char[length];
    Arrays.fill(chars, 'x');
    String head = Long.toString(seq);
    head.getChars(0, Math.min(head.length(), length), chars, 0);
    return new String(chars);
  }
}
