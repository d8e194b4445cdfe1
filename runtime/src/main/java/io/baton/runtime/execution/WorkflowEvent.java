package io.baton.runtime.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.CborSerializable;
import io.baton.runtime.definition.WorkflowDef;
import java.util.List;
import java.util.Map;

/**
 * What happened to an execution: the journal's content. Each event carries its time and who caused
 * it, so the journal is the execution's history. Class names are stored in the journal: renaming
 * one needs a Jackson migration.
 */
public sealed interface WorkflowEvent extends CborSerializable {
  long time();

  /** The execution began with this definition snapshot and input. */
  record WorkflowStarted(String workflowId, WorkflowDef definition, ObjectNode input,
      String correlationId, int priority, Map<String, String> taskToDomain,
      String parentWorkflowId, String parentWorkflowTaskId, long time) implements WorkflowEvent {}

  /** A new task attempt exists; worker tasks become pollable at {@code task.visibleAt()}. */
  record TaskScheduled(TaskState task, long time) implements WorkflowEvent {}

  /** A worker's poll was given this task. */
  record TaskLeased(String taskId, String workerId, long time) implements WorkflowEvent {}

  /**
   * The task goes back to the queue after the callback delay: a worker reported IN_PROGRESS, or
   * ({@code leaseExpired}) a system task's lease outlived what its runner could still be doing.
   * Journals written before {@code leaseExpired} existed read it as false.
   */
  record TaskRequeued(String taskId, ObjectNode outputData, long callbackAfterSeconds,
      String workerId, boolean leaseExpired, long time) implements WorkflowEvent {}

  /** A task attempt reached a terminal status; {@code retried} says a new attempt follows. */
  record TaskEnded(String taskId, TaskStatus status, ObjectNode outputData, String reason,
      String workerId, boolean retried, long time) implements WorkflowEvent {}

  /** SET_VARIABLE: these keys of the workflow's variables now hold these values. */
  record VariablesSet(String taskId, ObjectNode values, long time) implements WorkflowEvent {}

  /** A DO_WHILE's condition held: iteration {@code iteration} begins; output is the loop's so far. */
  record LoopIterated(String taskId, int iteration, ObjectNode output, long time) implements WorkflowEvent {}

  /**
   * A DO_WHILE with {@code keepLastN} let go of the tasks of its oldest iterations, so that a long
   * loop's state (and its snapshots) stays bounded as in Conductor, where they leave the database.
   */
  record IterationsRemoved(String taskId, List<String> removedTaskIds, long time) implements WorkflowEvent {}

  /** A SUB_WORKFLOW attempt started its child, whose id derives from the attempt's task id. */
  record SubWorkflowStarted(String taskId, String subWorkflowId, long time) implements WorkflowEvent {}

  /** A retried SUB_WORKFLOW attempt resumes its existing child, which is retried (resumeSubworkflowTasks). */
  record SubWorkflowResumed(String taskId, String subWorkflowId, long time) implements WorkflowEvent {}

  /** A worker logged a line against a task. */
  record TaskLogAppended(String taskId, String log, long time) implements WorkflowEvent {}

  /** Every task is done; the workflow's output is final. */
  record WorkflowCompleted(ObjectNode output, long time) implements WorkflowEvent {}

  /**
   * A task failed past its retries (FAILED), or something timed out (TIMED_OUT). {@code failedTaskId}
   * is the task that caused it, when one did.
   */
  record WorkflowFailed(WorkflowStatus status, String reason, List<String> failedReferenceTaskNames,
      ObjectNode output, String failedTaskId, long time) implements WorkflowEvent {}

  /** An operator ended the execution. */
  record WorkflowTerminated(String reason, ObjectNode output, long time) implements WorkflowEvent {}

  /** An operator paused the execution: running tasks go on, nothing new is scheduled. */
  record WorkflowPaused(long time) implements WorkflowEvent {}

  /** An operator resumed a paused execution. */
  record WorkflowResumed(long time) implements WorkflowEvent {}

  /** An operator retried a failed execution: it runs again; new attempts of its failed tasks follow. */
  record WorkflowRetried(long time) implements WorkflowEvent {}

  /** An operator restarted a finished execution from the beginning, same id, with this definition. */
  record WorkflowRestarted(WorkflowDef definition, long time) implements WorkflowEvent {}

  /**
   * An operator reran a finished execution from one task: later tasks are dropped, that task is
   * scheduled again under its id with {@code taskInput} (if given) as its input.
   */
  record WorkflowRerun(String fromTaskId, ObjectNode workflowInput, ObjectNode taskInput, long time)
      implements WorkflowEvent {}

  /** An operator skipped a step that had not run: it is SKIPPED with this input and output. */
  record TaskSkipped(TaskState task, long time) implements WorkflowEvent {}

  /** An operator made every waiting callback due now. */
  record CallbacksReset(long time) implements WorkflowEvent {}

  /** The execution was removed; it answers as unknown from now on. */
  record WorkflowRemoved(long time) implements WorkflowEvent {}
}
