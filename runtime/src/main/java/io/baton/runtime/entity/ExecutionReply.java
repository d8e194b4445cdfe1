package io.baton.runtime.entity;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.decider.Rejection;
import io.baton.runtime.execution.ExecutionState;

/** Answers of a WorkflowExecution entity. */
public sealed interface ExecutionReply extends CborSerializable {

  /** The command was decided and its events are in the journal. */
  record Accepted(String workflowId) implements ExecutionReply {}

  /** A lease was persisted; this is the task the worker gets. */
  record Leased(TaskView task) implements ExecutionReply {}

  record Execution(ExecutionState state) implements ExecutionReply {}

  record Task(TaskView task) implements ExecutionReply {}

  record Rejected(Rejection rejection) implements ExecutionReply {}
}
