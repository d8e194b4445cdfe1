package io.baton.http.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.baton.runtime.Replies;
import io.baton.runtime.events.EventHandlerDef;
import io.baton.runtime.events.EventHandlerRegistry;
import io.baton.runtime.events.EventHandlerValidator;
import io.baton.runtime.events.RegistryCommand;
import io.baton.runtime.events.RegistryReply;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/** /api/event: Conductor's event handler registry. */
public final class EventRoutes extends RouteSupport {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Backend backend;

  public EventRoutes(Backend backend) {
    this.backend = backend;
  }

  public Route route() {
    return pathPrefix("event", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> body(bytes -> respond(done(r -> new RegistryCommand.AddHandler(valid(bytes), r))))),
            put(() -> body(bytes -> respond(done(r -> new RegistryCommand.UpdateHandler(valid(bytes), r))))),
            get(() -> respond(handlers(RegistryCommand.ListHandlers::new))))),
        path(segment(), eventOrName -> concat(
            get(() -> query(q -> respond(handlers(r -> new RegistryCommand.HandlersFor(eventOrName,
                Params.bool(q, "activeOnly", true), r))))),
            delete(() -> respond(done(r -> new RegistryCommand.RemoveHandler(eventOrName, r))))))
    ));
  }

  private static EventHandlerDef valid(ByteString bytes) {
    EventHandlerDef handler = Bodies.read(bytes, EventHandlerDef.class);
    MetadataRoutes.requireValid(EventHandlerValidator.validate(handler));
    return handler;
  }

  private CompletionStage<RegistryReply> ask(Function<ActorRef<RegistryReply>, RegistryCommand> message) {
    return Replies.onDispatcher(backend.system(), EventHandlerRegistry.ref(backend.system()).ask(message::apply, TIMEOUT));
  }

  private CompletionStage<HttpResponse> done(Function<ActorRef<RegistryReply>, RegistryCommand> message) {
    return ask(message).thenApply(reply -> {
      check(reply);
      return Responses.ok();
    });
  }

  private CompletionStage<HttpResponse> handlers(Function<ActorRef<RegistryReply>, RegistryCommand> message) {
    return ask(message).thenApply(reply -> {
      check(reply);
      if (reply instanceof RegistryReply.Handlers h) return Responses.json(h.handlers());
      throw new IllegalStateException("unexpected registry reply " + reply);
    });
  }

  private static void check(RegistryReply reply) {
    if (reply instanceof RegistryReply.NotFound nf) throw ApiException.notFound(nf.message());
    if (reply instanceof RegistryReply.Conflict c) throw ApiException.conflict(c.message());
  }
}
