package io.baton.runtime.events;

import io.baton.runtime.Replies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The node's {@link MessageHandler}: reads the active handlers of the queue's event from the
 * registry, plans with {@link EventProcessor} (conditions are scripts, so off the actor threads),
 * and runs the commands one after another, in plan order, with {@link ActionRunner}.
 */
public final class HandlerDispatch implements MessageHandler {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Function<String, CompletionStage<List<EventHandlerDef>>> handlers;
  private final EventProcessor processor;
  private final ActionRunner runner;
  private final Executor planning;

  public HandlerDispatch(Function<String, CompletionStage<List<EventHandlerDef>>> handlers,
      EventProcessor processor, ActionRunner runner, Executor planning) {
    this.handlers = handlers;
    this.processor = processor;
    this.runner = runner;
    this.planning = planning;
  }

  public static HandlerDispatch create(ActorSystem<?> system) {
    Function<String, CompletionStage<List<EventHandlerDef>>> registry = event ->
        Replies.onDispatcher(system, EventHandlerRegistry.ref(system)
                .<RegistryReply>ask(r -> new RegistryCommand.HandlersFor(event, true, r), TIMEOUT))
            .thenApply(reply -> {
              if (reply instanceof RegistryReply.Handlers h) return h.handlers();
              throw new IllegalStateException("unexpected registry reply " + reply);
            });
    return new HandlerDispatch(registry, new EventProcessor(Conditions.shared()),
        new ActionRunner(system, TIMEOUT), system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  @Override
  public CompletionStage<Outcome> handle(String queue, QueuedMessage message) {
    return handlers.apply(queue)
        .thenApplyAsync(found -> processor.plan(queue, message, found), planning)
        .thenCompose(this::run)
        .exceptionally(e -> Outcome.retryLater("could not handle message " + message.id() + ": " + e));
  }

  private CompletionStage<Outcome> run(EventProcessor.Plan plan) {
    List<String> errors = new ArrayList<>(plan.problems());
    boolean[] retry = {false};
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    for (ActionCommand command : plan.commands()) {
      done = done.thenCompose(x -> runner.run(command)).thenAccept(outcome -> {
        if (outcome.succeeded()) return;
        errors.add("handler '" + command.handler() + "' actions[" + command.index() + "]: " + outcome.error());
        if (outcome.retriable()) retry[0] = true;
      });
    }
    return done.thenApply(x -> new Outcome(List.copyOf(errors), retry[0]));
  }
}
