package io.baton.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.baton.http.json.Json;
import java.io.IOException;
import java.util.List;
import org.apache.pekko.util.ByteString;

/** Reads request bodies, turning every JSON problem into a 400 that says what and where. */
public final class Bodies {
  private Bodies() {}

  public static <T> T read(ByteString body, Class<T> type) {
    return read(body, Json.MAPPER.getTypeFactory().constructType(type));
  }

  public static <T> List<T> readList(ByteString body, Class<T> element) {
    return read(body, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, element));
  }

  public static <T> T read(ByteString body, JavaType type) {
    if (body.isEmpty()) throw ApiException.badRequest("request body is required");
    try {
      T value = Json.MAPPER.readValue(body.toArray(), type);
      if (value == null) throw ApiException.badRequest("request body must not be null");
      return value;
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest("wrong type at " + path(e) + ": " + firstLine(e.getOriginalMessage()));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonProcessingException parse) throw malformed(parse);
      throw ApiException.badRequest("invalid value at " + path(e) + ": " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable body: " + e.getMessage());
    }
  }

  private static ApiException malformed(JsonProcessingException e) {
    var at = e.getLocation();
    String why = firstLine(e.getOriginalMessage()).replaceAll("\\s*\\(start marker at.*$", "");
    return ApiException.badRequest("malformed JSON"
        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + why);
  }

  public static JsonNode readTree(ByteString body) {
    return read(body, JsonNode.class);
  }

  /** The JSON path of a mapping problem, like {@code tasks[0].retryCount}. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "the top level" : sb.toString();
  }

  private static String firstLine(String message) {
    if (message == null) return "";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
