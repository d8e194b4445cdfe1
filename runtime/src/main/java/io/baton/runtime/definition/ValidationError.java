package io.baton.runtime.definition;

/** One thing wrong with a submitted definition or request, and where. */
public record ValidationError(String path, String message) {}
