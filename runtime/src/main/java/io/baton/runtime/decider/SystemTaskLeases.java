package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;

/**
 * How long a system task (HTTP, EVENT) may stay leased. These tasks are leased by the in-process
 * runner of some node, and a lease dies with its node: after a SIGKILL nothing would report the
 * task until its response timeout (an hour by default). But the runner's own work is bounded (an
 * HTTP call by its connection and read timeouts, an EVENT by its publish timeout, then a report),
 * so a lease older than that bound has no live runner behind it, and the task goes back to its
 * queue as the same attempt, as a queue message whose consumer died would in Conductor.
 */
public final class SystemTaskLeases {
  /** HTTP's defaults when the request leaves a timeout out or at 0; the HTTP task uses these too. */
  public static final long HTTP_CONNECT_TIMEOUT_MILLIS = 10_000;
  public static final long HTTP_READ_TIMEOUT_MILLIS = 30_000;
  /** How long the EVENT task waits for its message to be stored. */
  public static final long EVENT_PUBLISH_TIMEOUT_MILLIS = 15_000;
  /** Room for the runner's report after its work: the server's ask timeout, and some. */
  static final long REPORT_MARGIN_MILLIS = 30_000;

  private SystemTaskLeases() {}

  /** When the lease of {@code t} is certainly dead (epoch ms); {@code Long.MAX_VALUE} when not a leased system task. */
  static long deadline(TaskState t) {
    if (t.status() != TaskStatus.IN_PROGRESS || t.workflowTask() == null) return Long.MAX_VALUE;
    String type = t.workflowTask().type();
    if (!TaskTypes.isSystemWorkerType(type)) return Long.MAX_VALUE;
    long work = TaskTypes.EVENT.equals(type) ? EVENT_PUBLISH_TIMEOUT_MILLIS : httpMillis(t.inputData());
    return t.updateTime() + work + REPORT_MARGIN_MILLIS;
  }

  private static long httpMillis(JsonNode input) {
    JsonNode request = input == null ? null : input.get("http_request");
    return millis(request, "connectionTimeOut", HTTP_CONNECT_TIMEOUT_MILLIS)
        + millis(request, "readTimeOut", HTTP_READ_TIMEOUT_MILLIS);
  }

  /** A malformed value fails the HTTP task at once, so the default is as good a bound as any. */
  private static long millis(JsonNode request, String field, long fallback) {
    JsonNode v = request == null ? null : request.get(field);
    if (v == null) return fallback;
    long millis = v.isIntegralNumber() ? v.asLong() : v.isTextual() ? parse(v.asText().strip()) : 0;
    return millis > 0 ? millis : fallback;
  }

  private static long parse(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
