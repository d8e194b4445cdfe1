package io.baton.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.http.json.Json;
import io.baton.runtime.definition.ValidationError;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** Builds the API's responses: JSON bodies, plain-text ids, and Conductor's error shape. */
public final class Responses {
  private static volatile String instance = "baton";

  private Responses() {}

  /** The node name errors report as {@code instance}. */
  public static void instanceName(String name) {
    instance = name;
  }

  public static HttpResponse json(Object body) {
    return json(200, body);
  }

  public static HttpResponse json(int status, Object body) {
    try {
      return HttpResponse.create().withStatus(status)
          .withEntity(ContentTypes.APPLICATION_JSON, Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serializable", e);
    }
  }

  public static HttpResponse text(String body) {
    return HttpResponse.create().withEntity(ContentTypes.TEXT_PLAIN_UTF8, body);
  }

  public static HttpResponse ok() {
    return HttpResponse.create().withStatus(StatusCodes.OK);
  }

  public static HttpResponse noContent() {
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
  }

  public static HttpResponse error(int status, String message) {
    return error(new ApiException(status, message));
  }

  public static HttpResponse error(ApiException e) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("status", e.status());
    body.put("message", e.getMessage());
    body.put("instance", instance);
    body.put("retryable", e.status() >= 500);
    if (!e.validationErrors().isEmpty()) {
      ArrayNode errors = body.putArray("validationErrors");
      for (ValidationError v : e.validationErrors()) {
        errors.addObject().put("path", v.path()).put("message", v.message());
      }
    }
    return json(e.status(), body);
  }
}
