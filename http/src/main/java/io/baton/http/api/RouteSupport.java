package io.baton.http.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.util.ByteString;

/** Directives shared by the route classes. */
abstract class RouteSupport extends AllDirectives {

  /** The raw body; JSON is read once by {@link Bodies}. */
  Route body(Function<ByteString, Route> inner) {
    return entity(Unmarshaller.entityToByteString(), inner);
  }

  Route query(Function<Map<String, String>, Route> inner) {
    return parameterMap(inner);
  }

  Route respond(CompletionStage<HttpResponse> response) {
    return completeWithFuture(response);
  }
}
