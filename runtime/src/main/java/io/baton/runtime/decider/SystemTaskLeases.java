package io.baton.runtime.decider;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.runtime.definition.TaskTypes;
import io.baton.runtime.execution.TaskState;
import io.baton.runtime.execution.TaskStatus;

/**
 * How long a system task (HTTP, EVENT) may stay leased. These tasks are leased by a node's
 * in-process runner, and a lease dies with its node: after a SIGKILL nothing would report the
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
  /**
   * Room for what follows the work: the runner's report, which it tries for at most 22 s
   * (ResultReport.worstCase), and the few seconds a lease can wait in the task queue's batch.
   */
  public static final long REPORT_MARGIN_MILLIS = 30_000;

  private SystemTaskLeases() {}

  /** When the lease of {@code t} is certainly dead (epoch ms); MAX_VALUE when not a leased system task. */
  static long deadline(TaskState t) {
    // The runner polls by queue, and the queue is the task type (a DYNAMIC task can become HTTP).
    String type = t.taskType();
    if (t.status() != TaskStatus.IN_PROGRESS || !TaskTypes.isSystemWorkerType(type)) return Long.MAX_VALUE;
    long work = TaskTypes.EVENT.equals(type) ? EVENT_PUBLISH_TIMEOUT_MILLIS : httpMillis(t.inputData());
    return saturatedSum(t.updateTime(), work, REPORT_MARGIN_MILLIS);
  }

  /**
   * The HTTP task waits connect + read for the response's headers, then read again for its body.
   * The request is {@code http_request}, or else the input itself, as the task reads it.
   */
  private static long httpMillis(JsonNode input) {
    JsonNode wrapped = input == null ? null : input.get("http_request");
    JsonNode request = wrapped != null && wrapped.isObject() ? wrapped : input;
    long read = millis(request, "readTimeOut", HTTP_READ_TIMEOUT_MILLIS);
    return saturatedSum(millis(request, "connectionTimeOut", HTTP_CONNECT_TIMEOUT_MILLIS), read, read);
  }

  /** A malformed value fails the HTTP task at once, so the default is as good a bound as any. */
  private static long millis(JsonNode request, String field, long fallback) {
    try {
      return httpTimeoutMillis(request == null ? null : request.get(field), fallback);
    } catch (IllegalArgumentException malformed) {
      return fallback;
    }
  }

  /**
   * An HTTP timeout as the HTTP task reads it, and as this bound must read it: milliseconds as a
   * number or a string of digits; absent, null or not positive means {@code fallback}.
   *
   * @throws IllegalArgumentException when the value is neither
   */
  public static long httpTimeoutMillis(JsonNode value, long fallback) {
    if (value == null || value.isNull()) return fallback;
    long millis;
    if (value.isIntegralNumber()) {
      millis = value.asLong();
    } else if (value.isTextual() && value.asText().strip().matches("-?\\d{1,18}")) {
      millis = Long.parseLong(value.asText().strip());
    } else {
      throw new IllegalArgumentException("not a number of milliseconds: " + value);
    }
    return millis > 0 ? millis : fallback;
  }

  private static long saturatedSum(long a, long b, long c) {
    try {
      return Math.addExact(Math.addExact(a, b), c);
    } catch (ArithmeticException tooLate) {
      return Long.MAX_VALUE;
    }
  }
}
