package io.baton.runtime.decider;

import io.baton.runtime.decider.DeciderCommand.AppendTaskLog;
import io.baton.runtime.decider.DeciderCommand.CheckTimeouts;
import io.baton.runtime.decider.DeciderCommand.LeaseTask;
import io.baton.runtime.decider.DeciderCommand.RemoveWorkflow;
import io.baton.runtime.decider.DeciderCommand.StartWorkflow;
import io.baton.runtime.decider.DeciderCommand.TerminateWorkflow;
import io.baton.runtime.decider.DeciderCommand.UpdateTask;
import io.baton.runtime.execution.ExecutionState;
import java.util.HashMap;
import java.util.Map;

/**
 * The decider: a pure function from (state, command, now) to a decision. No I/O, no clock, no
 * randomness: ids derive from the state and time is passed in, so a decision can be replayed.
 * Every command has one handler, registered here once.
 */
public final class Decider {
  private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();

  public Decider() {
    register(StartWorkflow.class, new StartHandler());
    register(LeaseTask.class, new LeaseHandler());
    register(UpdateTask.class, new UpdateHandler());
    register(TerminateWorkflow.class, new TerminateHandler());
    register(RemoveWorkflow.class, new RemoveHandler());
    register(AppendTaskLog.class, new AppendLogHandler());
    register(CheckTimeouts.class, new TimeoutHandler());
    register(DeciderCommand.UpdateTaskByRef.class, new UpdateByRefHandler());
    register(DeciderCommand.Signal.class, new SignalHandler());
    register(DeciderCommand.PauseWorkflow.class, new PauseHandler());
    register(DeciderCommand.ResumeWorkflow.class, new ResumeHandler());
    register(DeciderCommand.RetryWorkflow.class, new RetryHandler());
    register(DeciderCommand.RestartWorkflow.class, new RestartHandler());
    register(DeciderCommand.RerunWorkflow.class, new RerunHandler());
    register(DeciderCommand.SkipTask.class, new SkipTaskHandler());
    register(DeciderCommand.ResetCallbacks.class, new ResetCallbacksHandler());
    register(DeciderCommand.ChildEnded.class, new ChildEndedHandler());
  }

  private <C extends DeciderCommand> void register(Class<C> type, CommandHandler<C> handler) {
    if (handlers.putIfAbsent(type, handler) != null) {
      throw new IllegalStateException("two handlers for " + type.getSimpleName());
    }
  }

  public boolean handles(Class<?> commandType) {
    return handlers.containsKey(commandType);
  }

  @SuppressWarnings("unchecked")
  public Decision decide(ExecutionState state, DeciderCommand command, long now) {
    CommandHandler<DeciderCommand> handler =
        (CommandHandler<DeciderCommand>) handlers.get(command.getClass());
    if (handler == null) throw new IllegalArgumentException("no handler for " + command);
    return handler.handle(state, command, now);
  }
}
