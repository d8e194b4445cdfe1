package io.baton.runtime.definition;

import java.util.Set;

/**
 * Task type names. A type Baton does not know at all is run by workers like SIMPLE (Conductor's
 * rule); a type Conductor knows but this server cannot run yet is refused at registration, so a
 * definition never fails at run time for a missing feature.
 */
public final class TaskTypes {
  public static final String SIMPLE = "SIMPLE";

  /** Conductor's built-in types that this server does not run yet. */
  private static final Set<String> NOT_YET_SUPPORTED = Set.of(
      "DYNAMIC", "SWITCH", "DECISION", "FORK_JOIN", "FORK_JOIN_DYNAMIC", "JOIN", "DO_WHILE",
      "SUB_WORKFLOW", "START_WORKFLOW", "TERMINATE", "SET_VARIABLE", "WAIT", "HUMAN", "NOOP",
      "HTTP", "INLINE", "JSON_JQ_TRANSFORM", "EVENT", "KAFKA_PUBLISH", "LAMBDA", "EXCLUSIVE_JOIN",
      "USER_DEFINED", "LLM_CHAT_COMPLETE", "LLM_TEXT_COMPLETE", "LLM_GENERATE_EMBEDDINGS",
      "LIST_MCP_TOOLS", "CALL_MCP_TOOL", "BUSINESS_RULE", "GET_DOCUMENT", "WAIT_FOR_WEBHOOK");

  private TaskTypes() {}

  public static boolean isSupported(String type) {
    return type == null || !NOT_YET_SUPPORTED.contains(type);
  }

  /** Whether tasks of this type are handed to polling workers. */
  public static boolean isWorkerTask(String type) {
    return isSupported(type);
  }
}
