package io.baton.runtime.decider;

import io.baton.runtime.CborSerializable;

/** Why a command changed nothing; the kind maps to an HTTP status at the edge. */
public record Rejection(Kind kind, String message) implements CborSerializable {
  public enum Kind { NOT_FOUND, CONFLICT, INVALID }

  public static Rejection notFound(String message) {
    return new Rejection(Kind.NOT_FOUND, message);
  }

  public static Rejection conflict(String message) {
    return new Rejection(Kind.CONFLICT, message);
  }

  public static Rejection invalid(String message) {
    return new Rejection(Kind.INVALID, message);
  }
}
