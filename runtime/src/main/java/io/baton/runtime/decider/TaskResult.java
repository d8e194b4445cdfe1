package io.baton.runtime.decider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A worker's report on a task (Conductor's TaskResult). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskResult(
    String workflowInstanceId,
    String taskId,
    String status,
    ObjectNode outputData,
    String reasonForIncompletion,
    Long callbackAfterSeconds,
    String workerId,
    List<Log> logs,
    Boolean extendLease) {

  /** Statuses a worker may report. */
  public enum Status { IN_PROGRESS, COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Log(String log, Long createdTime, String taskId) {}
}
