package io.baton.http.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.runtime.decider.SystemTaskLeases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Uri;

/**
 * What an HTTP task asks for, read from its resolved input: the {@code http_request} object, or
 * the same keys at the top level of the input (the newer Conductor form). Reading it checks
 * everything that can be checked before a socket is opened, so bad input fails the task with a
 * reason instead of an exception from the client.
 */
public record HttpRequestSpec(
    HttpMethod method,
    Uri uri,
    ContentType contentType,
    String accept,
    List<HttpHeader> headers,
    JsonNode body,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT =
      Duration.ofMillis(SystemTaskLeases.HTTP_CONNECT_TIMEOUT_MILLIS);
  public static final Duration DEFAULT_READ_TIMEOUT =
      Duration.ofMillis(SystemTaskLeases.HTTP_READ_TIMEOUT_MILLIS);
  private static final String JSON_TYPE = "application/json";
  private static final Set<String> METHODS =
      Set.of("GET", "PUT", "POST", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Input that cannot become a request; the message is the task's reasonForIncompletion. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message);
    }
  }

  /** Reads the task input; throws {@link Invalid} with what is wrong. */
  public static HttpRequestSpec of(ObjectNode input) {
    ObjectNode request = requestObject(input);
    String uriText = text(request, "uri", null);
    if (uriText == null || uriText.isBlank()) {
      throw new Invalid("Missing HTTP uri: the HTTP task needs http_request.uri");
    }
    Uri uri = uri(uriText.strip());
    HttpMethod method = method(text(request, "method", "GET"));
    String accept = text(request, "accept", JSON_TYPE);
    String contentType = text(request, "contentType", JSON_TYPE);
    List<HttpHeader> headers = new ArrayList<>();
    JsonNode given = request.get("headers");
    if (given != null && !given.isNull()) {
      if (!given.isObject()) throw new Invalid("http_request.headers must be an object, got " + given.getNodeType());
      for (Map.Entry<String, JsonNode> h : given.properties()) {
        JsonNode v = h.getValue();
        if (v == null || v.isNull()) continue;
        String value = v.isValueNode() ? v.asText() : v.toString();
        // An explicit header wins over the field of the same meaning.
        if (h.getKey().equalsIgnoreCase("Content-Type")) contentType = value;
        else if (h.getKey().equalsIgnoreCase("Accept")) accept = value;
        else if (!h.getKey().equalsIgnoreCase("Content-Length")) headers.add(header(h.getKey(), value));
      }
    }
    headers.add(header("Accept", accept));
    JsonNode body = request.get("body");
    return new HttpRequestSpec(method, uri, contentType(contentType), accept, List.copyOf(headers),
        body == null || body.isNull() ? null : body,
        timeout(request, "connectionTimeOut", DEFAULT_CONNECT_TIMEOUT),
        timeout(request, "readTimeOut", DEFAULT_READ_TIMEOUT));
  }

  /** "GET http://host/path": how reasons name the call. */
  public String describe() {
    return method.value() + " " + uri;
  }

  /**
   * The request to send. A text body goes as it is (it may be JSON someone already wrote out);
   * anything else is written as JSON. No body, no entity.
   */
  public HttpRequest toRequest() {
    HttpRequest request = HttpRequest.create().withMethod(method).withUri(uri).addHeaders(headers);
    if (body == null) return request;
    String text;
    try {
      text = body.isTextual() ? body.asText() : JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new Invalid("body cannot be written as JSON: " + e.getOriginalMessage());
    }
    return request.withEntity(HttpEntities.create(contentType, text.getBytes(StandardCharsets.UTF_8)));
  }

  private static ObjectNode requestObject(ObjectNode input) {
    JsonNode request = input == null ? null : input.get("http_request");
    if (request != null && !request.isNull()) {
      if (!request.isObject()) throw new Invalid("http_request must be an object, got " + request.getNodeType());
      return (ObjectNode) request;
    }
    if (input != null && input.hasNonNull("uri")) return input;
    throw new Invalid("Missing HTTP request: the HTTP task needs http_request {uri, method, ...}"
        + " (or uri, method, ... directly in its input)");
  }

  private static Uri uri(String text) {
    Uri uri;
    try {
      uri = Uri.create(text);
    } catch (RuntimeException e) {
      throw new Invalid("malformed URI '" + text + "': " + e.getMessage());
    }
    String scheme = uri.scheme();
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.host().address().isEmpty()) {
      throw new Invalid("malformed URI '" + text + "': an HTTP task needs an absolute http:// or https:// URI");
    }
    return uri;
  }

  private static HttpMethod method(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      throw new Invalid("unsupported HTTP method '" + name + "': use one of GET, PUT, POST, PATCH, DELETE, OPTIONS, HEAD, TRACE");
    }
    return HttpMethods.lookup(upper).orElseThrow();
  }

  private static HttpHeader header(String name, String value) {
    // CR or LF would let input write extra headers or a second request onto the wire.
    if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 127)
        || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new Invalid("invalid HTTP header '" + name + "'");
    }
    try {
      return HttpHeader.parse(name, value);
    } catch (RuntimeException e) {
      throw new Invalid("invalid HTTP header '" + name + "': " + e.getMessage());
    }
  }

  private static ContentType contentType(String text) {
    try {
      return ContentTypes.parse(text.strip());
    } catch (RuntimeException e) {
      throw new Invalid("invalid contentType '" + text + "': " + e.getMessage());
    }
  }

  private static String text(ObjectNode request, String field, String fallback) {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isTextual()) throw new Invalid("http_request." + field + " must be a string, got " + v.getNodeType());
    return v.asText().isBlank() ? fallback : v.asText();
  }

  /**
   * Milliseconds; absent or not positive means the default (no call waits forever). Read by the
   * same rule as the bound on a leased HTTP task, which must outlast the call.
   */
  private static Duration timeout(ObjectNode request, String field, Duration fallback) {
    JsonNode v = request.get(field);
    try {
      return Duration.ofMillis(SystemTaskLeases.httpTimeoutMillis(v, fallback.toMillis()));
    } catch (IllegalArgumentException e) {
      throw new Invalid("http_request." + field + " must be a number of milliseconds, got " + v);
    }
  }
}
