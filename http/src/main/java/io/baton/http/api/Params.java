package io.baton.http.api;

import java.util.Map;

/** Query parameters, parsed with errors that name the parameter. */
final class Params {
  private Params() {}

  static String string(Map<String, String> params, String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  static Integer integer(Map<String, String> params, String name) {
    String v = string(params, name);
    if (v == null) return null;
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("query parameter '" + name + "' must be a whole number, not '" + v + "'");
    }
  }

  static int integer(Map<String, String> params, String name, int fallback, int min, int max) {
    Integer v = integer(params, name);
    if (v == null) return fallback;
    if (v < min || v > max) {
      throw ApiException.badRequest("query parameter '" + name + "' must be between " + min + " and " + max);
    }
    return v;
  }

  static boolean bool(Map<String, String> params, String name, boolean fallback) {
    String v = string(params, name);
    if (v == null) return fallback;
    if (v.equalsIgnoreCase("true")) return true;
    if (v.equalsIgnoreCase("false")) return false;
    throw ApiException.badRequest("query parameter '" + name + "' must be true or false, not '" + v + "'");
  }
}
