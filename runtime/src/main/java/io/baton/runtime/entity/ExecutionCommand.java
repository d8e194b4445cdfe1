package io.baton.runtime.entity;

import io.baton.runtime.CborSerializable;
import io.baton.runtime.decider.DeciderCommand;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages a WorkflowExecution entity accepts. */
public sealed interface ExecutionCommand extends CborSerializable {

  /** Ask the decider; persist what it decides; answer after the write. */
  record Decide(DeciderCommand command, ActorRef<ExecutionReply> replyTo) implements ExecutionCommand {}

  /** Read the whole execution. */
  record GetExecution(ActorRef<ExecutionReply> replyTo) implements ExecutionCommand {}

  /** Read one task. */
  record GetTask(String taskId, ActorRef<ExecutionReply> replyTo) implements ExecutionCommand {}

  /** Nothing to do but be alive: recovery re-offers tasks. Sent when a queue restarts. */
  record Wake() implements ExecutionCommand {}

  /** Internal: a deadline of the execution is due. */
  record Tick() implements ExecutionCommand {}

  /** Internal: no message for a while. */
  record Idle() implements ExecutionCommand {}

  /** Internal: the wake-up is durable; the execution may leave memory. */
  record Asleep() implements ExecutionCommand {}
}
