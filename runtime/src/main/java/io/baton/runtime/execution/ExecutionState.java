package io.baton.runtime.execution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.WorkflowDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one workflow execution. Immutable: event appliers return a new value.
 * {@code definition} is the snapshot taken at start (task definitions included), so later edits
 * of the registered definition never reach a running execution.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionState(
    String workflowId,
    WorkflowDef definition,
    WorkflowStatus status,
    ObjectNode input,
    ObjectNode output,
    ObjectNode variables,
    List<TaskState> tasks,
    Map<String, List<TaskLog>> logs,
    String correlationId,
    int priority,
    Map<String, String> taskToDomain,
    long createTime,
    long endTime,
    long updateTime,
    String reasonForIncompletion,
    List<String> failedReferenceTaskNames,
    String parentWorkflowId,
    String parentWorkflowTaskId,
    int taskCounter,
    boolean removed) implements CborSerializable {

  public static ExecutionState empty(String workflowId) {
    return new ExecutionState(workflowId, null, null, null, null, null, List.of(), Map.of(), null,
        0, Map.of(), 0, 0, 0, null, List.of(), null, null, 0, false);
  }

  @JsonIgnore
  public boolean started() {
    return status != null && !removed;
  }

  public Optional<TaskState> task(String taskId) {
    for (TaskState t : tasks) {
      if (t.taskId().equals(taskId)) return Optional.of(t);
    }
    return Optional.empty();
  }

  /** The latest attempt of the task with this reference name. */
  public Optional<TaskState> latestByRef(String ref) {
    for (int i = tasks.size() - 1; i >= 0; i--) {
      if (tasks.get(i).referenceTaskName().equals(ref)) return Optional.of(tasks.get(i));
    }
    return Optional.empty();
  }

  /** The latest task whose reference starts with this prefix (a loop's latest iteration). */
  public Optional<TaskState> latestByRefPrefix(String prefix) {
    for (int i = tasks.size() - 1; i >= 0; i--) {
      if (tasks.get(i).referenceTaskName().startsWith(prefix)) return Optional.of(tasks.get(i));
    }
    return Optional.empty();
  }

  /**
   * The position of the next task: after the highest so far, which is not the count of tasks once
   * a loop's old iterations were removed (a rerun keeps the tasks before a position).
   */
  public int nextSeq() {
    int highest = 0;
    for (TaskState t : tasks) highest = Math.max(highest, t.seq());
    return highest + 1;
  }

  /** Tasks that are waiting for a worker or being worked on. */
  public List<TaskState> openTasks() {
    List<TaskState> open = new ArrayList<>();
    for (TaskState t : tasks) {
      if (!t.status().terminal()) open.add(t);
    }
    return open;
  }

  public ExecutionState withTasks(List<TaskState> newTasks, int counter, long now) {
    return new ExecutionState(workflowId, definition, status, input, output, variables, newTasks,
        logs, correlationId, priority, taskToDomain, createTime, endTime, now,
        reasonForIncompletion, failedReferenceTaskNames, parentWorkflowId, parentWorkflowTaskId,
        counter, removed);
  }

  public ExecutionState withTask(TaskState changed, long now) {
    List<TaskState> copy = new ArrayList<>(tasks);
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).taskId().equals(changed.taskId())) {
        copy.set(i, changed);
        break;
      }
    }
    return withTasks(List.copyOf(copy), taskCounter, now);
  }

  /** These tasks and their logs are gone; the counter keeps counting, so ids stay unique. */
  public ExecutionState withoutTasks(List<String> taskIds, long now) {
    Set<String> gone = Set.copyOf(taskIds);
    List<TaskState> kept = new ArrayList<>(tasks.size());
    for (TaskState t : tasks) {
      if (!gone.contains(t.taskId())) kept.add(t);
    }
    Map<String, List<TaskLog>> keptLogs = new LinkedHashMap<>(logs);
    keptLogs.keySet().removeAll(gone);
    return withTasks(List.copyOf(kept), taskCounter, now).withLogs(keptLogs);
  }

  public ExecutionState withVariables(ObjectNode newVariables, long now) {
    return new ExecutionState(workflowId, definition, status, input, output, newVariables, tasks,
        logs, correlationId, priority, taskToDomain, createTime, endTime, now,
        reasonForIncompletion, failedReferenceTaskNames, parentWorkflowId, parentWorkflowTaskId,
        taskCounter, removed);
  }

  /**
   * Kept in the given order, unlike Map.copyOf, whose iteration order changes from one JVM to the
   * next: a snapshot's bytes must not depend on the node that wrote it.
   */
  public ExecutionState withLogs(Map<String, List<TaskLog>> newLogs) {
    return new ExecutionState(workflowId, definition, status, input, output, variables, tasks,
        Collections.unmodifiableMap(new LinkedHashMap<>(newLogs)), correlationId, priority,
        taskToDomain, createTime, endTime, updateTime, reasonForIncompletion, failedReferenceTaskNames,
        parentWorkflowId, parentWorkflowTaskId, taskCounter, removed);
  }

  public ExecutionState ended(WorkflowStatus newStatus, ObjectNode newOutput, String reason,
      List<String> failedRefs, long now) {
    return new ExecutionState(workflowId, definition, newStatus, input, newOutput, variables,
        tasks, logs, correlationId, priority, taskToDomain, createTime, now, now, reason,
        failedRefs, parentWorkflowId, parentWorkflowTaskId, taskCounter, removed);
  }

  public ExecutionState withStatus(WorkflowStatus newStatus, long now) {
    return new ExecutionState(workflowId, definition, newStatus, input, output, variables, tasks,
        logs, correlationId, priority, taskToDomain, createTime, endTime, now,
        reasonForIncompletion, failedReferenceTaskNames, parentWorkflowId, parentWorkflowTaskId,
        taskCounter, removed);
  }

  /** Running again after it ended: no end time, no reason, nothing failed yet. */
  public ExecutionState reopened(long now) {
    return new ExecutionState(workflowId, definition, WorkflowStatus.RUNNING, input, output,
        variables, tasks, logs, correlationId, priority, taskToDomain, createTime, 0, now, null,
        List.of(), parentWorkflowId, parentWorkflowTaskId, taskCounter, removed);
  }

  public ExecutionState withInput(ObjectNode newInput) {
    return new ExecutionState(workflowId, definition, status, newInput, output, variables, tasks,
        logs, correlationId, priority, taskToDomain, createTime, endTime, updateTime,
        reasonForIncompletion, failedReferenceTaskNames, parentWorkflowId, parentWorkflowTaskId,
        taskCounter, removed);
  }

  public ExecutionState withOutput(ObjectNode newOutput) {
    return new ExecutionState(workflowId, definition, status, input, newOutput, variables, tasks,
        logs, correlationId, priority, taskToDomain, createTime, endTime, updateTime,
        reasonForIncompletion, failedReferenceTaskNames, parentWorkflowId, parentWorkflowTaskId,
        taskCounter, removed);
  }

  public ExecutionState markRemoved(long now) {
    return new ExecutionState(workflowId, definition, status, input, output, variables, tasks,
        logs, correlationId, priority, taskToDomain, createTime, endTime, now,
        reasonForIncompletion, failedReferenceTaskNames, parentWorkflowId, parentWorkflowTaskId,
        taskCounter, true);
  }
}
