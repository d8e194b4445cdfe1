package io.baton.http.api;

import io.baton.runtime.decider.Rejection;
import io.baton.runtime.definition.ValidationError;
import java.util.List;

/** A request that cannot be served, with the HTTP status and the words the client sees. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final List<ValidationError> validationErrors;

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  public ApiException(int status, String message, List<ValidationError> validationErrors) {
    super(message, null, false, false);
    this.status = status;
    this.validationErrors = List.copyOf(validationErrors);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException invalid(List<ValidationError> errors) {
    String summary = errors.size() == 1
        ? errors.get(0).path() + ": " + errors.get(0).message()
        : errors.size() + " problems, first " + errors.get(0).path() + ": " + errors.get(0).message();
    return new ApiException(400, "Validation failed: " + summary, errors);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  public static ApiException of(Rejection rejection) {
    return switch (rejection.kind()) {
      case NOT_FOUND -> notFound(rejection.message());
      case CONFLICT -> conflict(rejection.message());
      case INVALID -> badRequest(rejection.message());
    };
  }

  public int status() {
    return status;
  }

  public List<ValidationError> validationErrors() {
    return validationErrors;
  }
}
