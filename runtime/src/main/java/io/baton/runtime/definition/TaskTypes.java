package io.baton.runtime.definition;

import java.util.Set;

/**
 * Task type names. Operators are decided inside the execution; every other type Baton runs is
 * handed to polling workers. A type Baton does not know at all is a worker task (Conductor's
 * rule); a type Conductor knows but this server cannot run yet is refused at registration, so a
 * definition never fails at run time for a missing feature.
 */
public final class TaskTypes {
  public static final String SIMPLE = "SIMPLE";
  public static final String DYNAMIC = "DYNAMIC";
  public static final String SWITCH = "SWITCH";
  public static final String DECISION = "DECISION";
  public static final String FORK_JOIN = "FORK_JOIN";
  public static final String FORK_JOIN_DYNAMIC = "FORK_JOIN_DYNAMIC";
  public static final String JOIN = "JOIN";
  public static final String DO_WHILE = "DO_WHILE";
  public static final String SET_VARIABLE = "SET_VARIABLE";
  public static final String NOOP = "NOOP";
  public static final String TERMINATE = "TERMINATE";
  public static final String WAIT = "WAIT";
  public static final String HUMAN = "HUMAN";
  public static final String INLINE = "INLINE";
  public static final String JSON_JQ_TRANSFORM = "JSON_JQ_TRANSFORM";
  public static final String SUB_WORKFLOW = "SUB_WORKFLOW";
  public static final String START_WORKFLOW = "START_WORKFLOW";
  public static final String HTTP = "HTTP";
  public static final String EVENT = "EVENT";

  /**
   * Tasks with I/O that the server runs itself, outside the execution, like an in-process worker:
   * they wait in the queue named by their type, are leased, executed, and reported as a worker's.
   */
  private static final Set<String> SYSTEM_WORKER_TYPES = Set.of(HTTP, EVENT);

  /** Decided in the execution, never polled. DYNAMIC becomes a worker task of the named type. */
  private static final Set<String> OPERATORS = Set.of(DYNAMIC, SWITCH, DECISION, FORK_JOIN,
      FORK_JOIN_DYNAMIC, JOIN, DO_WHILE, SET_VARIABLE, NOOP, TERMINATE, WAIT, HUMAN, INLINE,
      JSON_JQ_TRANSFORM, SUB_WORKFLOW, START_WORKFLOW);

  /** Conductor's built-in types that this server does not run yet. */
  private static final Set<String> NOT_YET_SUPPORTED = Set.of(
      "KAFKA_PUBLISH", "LAMBDA",
      "EXCLUSIVE_JOIN", "LLM_CHAT_COMPLETE", "LLM_TEXT_COMPLETE", "LLM_GENERATE_EMBEDDINGS",
      "LIST_MCP_TOOLS", "CALL_MCP_TOOL", "BUSINESS_RULE", "GET_DOCUMENT", "WAIT_FOR_WEBHOOK");

  private TaskTypes() {}

  public static boolean isSupported(String type) {
    return type == null || !NOT_YET_SUPPORTED.contains(type);
  }

  public static boolean isOperator(String type) {
    return type != null && OPERATORS.contains(type);
  }

  /** Whether the server itself runs tasks of this type (from the queue named by the type). */
  public static boolean isSystemWorkerType(String type) {
    return type != null && SYSTEM_WORKER_TYPES.contains(type);
  }

  /** Whether tasks of this type are handed to polling workers. */
  public static boolean isWorkerTask(String type) {
    return isSupported(type) && !isOperator(type);
  }
}
