package io.baton.runtime.decider;

import io.baton.runtime.execution.ExecutionState;

/** Decides one kind of command. Pure: state, command and the time in; a decision out. */
@FunctionalInterface
public interface CommandHandler<C extends DeciderCommand> {
  Decision handle(ExecutionState state, C command, long now);
}
