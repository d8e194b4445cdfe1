package io.baton.runtime.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.definition.WorkflowTask;

/**
 * One task attempt of an execution. Immutable; changed only by event appliers through the
 * {@code with*} methods. {@code visibleAt} is when the task is next due: when a worker may have it
 * (start delay, retry delay, callback), or when a WAIT ends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskState(
    String taskId,
    String taskType,
    TaskStatus status,
    ObjectNode inputData,
    String referenceTaskName,
    int retryCount,
    int seq,
    int pollCount,
    String taskDefName,
    long scheduledTime,
    long startTime,
    long endTime,
    long updateTime,
    int startDelayInSeconds,
    boolean retried,
    boolean executed,
    long callbackAfterSeconds,
    long responseTimeoutSeconds,
    String workerId,
    ObjectNode outputData,
    WorkflowTask workflowTask,
    String domain,
    String retriedTaskId,
    String reasonForIncompletion,
    int iteration,
    String subWorkflowId,
    String parentTaskId,
    long visibleAt) {

  public TaskState leased(String worker, long now) {
    return new TaskState(taskId, taskType, TaskStatus.IN_PROGRESS, inputData, referenceTaskName,
        retryCount, seq, pollCount + 1, taskDefName, scheduledTime, startTime == 0 ? now : startTime,
        endTime, now, startDelayInSeconds, retried, executed, callbackAfterSeconds,
        responseTimeoutSeconds, worker, outputData, workflowTask, domain, retriedTaskId,
        reasonForIncompletion, iteration, subWorkflowId, parentTaskId, visibleAt);
  }

  public TaskState requeued(ObjectNode output, long callbackAfter, String worker, long now) {
    return new TaskState(taskId, taskType, TaskStatus.SCHEDULED, inputData, referenceTaskName,
        retryCount, seq, pollCount, taskDefName, scheduledTime, startTime, endTime, now,
        startDelayInSeconds, retried, executed, callbackAfter, responseTimeoutSeconds,
        worker == null ? workerId : worker, output, workflowTask, domain, retriedTaskId,
        reasonForIncompletion, iteration, subWorkflowId, parentTaskId, now + callbackAfter * 1000L);
  }

  public TaskState ended(TaskStatus newStatus, ObjectNode output, String reason, String worker,
      boolean willRetry, long now) {
    return new TaskState(taskId, taskType, newStatus, inputData, referenceTaskName, retryCount,
        seq, pollCount, taskDefName, scheduledTime, startTime, now, now, startDelayInSeconds,
        willRetry, executed, callbackAfterSeconds, responseTimeoutSeconds,
        worker == null ? workerId : worker, output, workflowTask, domain, retriedTaskId,
        reason, iteration, subWorkflowId, parentTaskId, visibleAt);
  }

  /** This attempt as created by an operator that is already running or already done. */
  public TaskState as(TaskStatus newStatus, ObjectNode output, int newIteration, long wakeAt, long now) {
    return new TaskState(taskId, taskType, newStatus, inputData, referenceTaskName, retryCount,
        seq, pollCount, taskDefName, scheduledTime, newStatus == TaskStatus.SCHEDULED ? 0 : now,
        newStatus.terminal() ? now : 0, now, startDelayInSeconds, retried, executed,
        callbackAfterSeconds, responseTimeoutSeconds, workerId, output, workflowTask, domain,
        retriedTaskId, reasonForIncompletion, newIteration, subWorkflowId, parentTaskId, wakeAt);
  }

  public TaskState withWorkflowTask(WorkflowTask wt) {
    return new TaskState(taskId, taskType, status, inputData, referenceTaskName, retryCount, seq,
        pollCount, taskDefName, scheduledTime, startTime, endTime, updateTime, startDelayInSeconds,
        retried, executed, callbackAfterSeconds, responseTimeoutSeconds, workerId, outputData, wt,
        domain, retriedTaskId, reasonForIncompletion, iteration, subWorkflowId, parentTaskId, visibleAt);
  }

  public TaskState withSubWorkflow(String childId, long now) {
    ObjectNode output = outputData == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : outputData.deepCopy();
    output.put("subWorkflowId", childId);
    return new TaskState(taskId, taskType, TaskStatus.IN_PROGRESS, inputData, referenceTaskName,
        retryCount, seq, pollCount, taskDefName, scheduledTime, now, endTime, now,
        startDelayInSeconds, retried, executed, callbackAfterSeconds, responseTimeoutSeconds,
        workerId, output, workflowTask, domain, retriedTaskId, reasonForIncompletion, iteration,
        childId, parentTaskId, Long.MAX_VALUE);
  }

  public TaskState nextIteration(int newIteration, ObjectNode output, long now) {
    return new TaskState(taskId, taskType, status, inputData, referenceTaskName, retryCount, seq,
        pollCount, taskDefName, scheduledTime, startTime, endTime, now, startDelayInSeconds,
        retried, executed, callbackAfterSeconds, responseTimeoutSeconds, workerId, output,
        workflowTask, domain, retriedTaskId, reasonForIncompletion, newIteration, subWorkflowId,
        parentTaskId, visibleAt);
  }

  /** The same task scheduled again (rerun): same id, fresh attempt, optionally new input. */
  public TaskState rescheduled(ObjectNode newInput, long now) {
    return new TaskState(taskId, taskType, TaskStatus.SCHEDULED, newInput == null ? inputData : newInput,
        referenceTaskName, 0, seq, 0, taskDefName, now, 0, 0, now, startDelayInSeconds, false, false,
        0, responseTimeoutSeconds, null, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        workflowTask, domain, null, null, iteration, null, parentTaskId, now);
  }

  public TaskState withInput(ObjectNode newInput) {
    return new TaskState(taskId, taskType, status, newInput, referenceTaskName, retryCount, seq,
        pollCount, taskDefName, scheduledTime, startTime, endTime, updateTime, startDelayInSeconds,
        retried, executed, callbackAfterSeconds, responseTimeoutSeconds, workerId, outputData,
        workflowTask, domain, retriedTaskId, reasonForIncompletion, iteration, subWorkflowId,
        parentTaskId, visibleAt);
  }

  /** Due now (a callback reset). */
  public TaskState dueAt(long now) {
    return new TaskState(taskId, taskType, status, inputData, referenceTaskName, retryCount, seq,
        pollCount, taskDefName, scheduledTime, startTime, endTime, now, startDelayInSeconds,
        retried, executed, 0, responseTimeoutSeconds, workerId, outputData, workflowTask, domain,
        retriedTaskId, reasonForIncompletion, iteration, subWorkflowId, parentTaskId, now);
  }

  public boolean workerTask() {
    return workflowTask == null || io.baton.runtime.definition.TaskTypes.isWorkerTask(workflowTask.type());
  }
}
