package io.baton.runtime.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

// PLACEHOLDER until the expression engine lands.
public final class ExpressionValidator {
  public static List<Problem> validate(String pathPrefix, JsonNode template) {
    return List.of();
  }

  public record Problem(String path, String message) {}
}
