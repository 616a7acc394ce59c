package dev.lamgraph.server;

import dev.lamgraph.server.langgraph.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lamgraph.engine.util.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request and response helpers shared by the route classes: JSON bodies in, masked JSON out. */
public final class Http {
  private Http() {}

  /** The request body as a JSON object ({} when empty); 422 when it is not one. */
  public static Map<String, Object> body(Context c) {
    String text = c.body();
    if (text.isBlank()) return new LinkedHashMap<>();
    try {
      Object v = Json.MAPPER.readValue(text, Object.class);
      if (v == null) return new LinkedHashMap<>();
      if (!(v instanceof Map<?, ?> m)) throw ApiException.invalid("the request body must be a JSON object");
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return map;
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** The request body as a JSON array; 422 when it is not one. */
  public static List<Object> list(Context c) {
    try {
      Object v = Json.MAPPER.readValue(c.body().isBlank() ? "null" : c.body(), Object.class);
      if (!(v instanceof List<?> l)) throw ApiException.invalid("the request body must be a JSON array");
      return new java.util.ArrayList<>(l);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Answers {@code value} as JSON with every secret the server knows masked. */
  public static void json(Context c, ServerContext s, Object value) {
    c.contentType("application/json");
    c.result(s.maskedJson(value));
  }

  public static void json(Context c, ServerContext s, int status, Object value) {
    c.status(status);
    json(c, s, value);
  }

  /** A string field, or null; 422 when present with another type. */
  public static String string(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null) return null;
    if (v instanceof String s) return s;
    throw ApiException.invalid(key + " must be a string");
  }

  /** An object field, or an empty map; 422 when present with another type. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null) return new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw ApiException.invalid(key + " must be an object");
  }

  /** A list of strings (a single string counts as one), or an empty list. */
  public static List<String> strings(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null) return List.of();
    if (v instanceof String s) return List.of(s);
    if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) return l.stream().map(String.class::cast).toList();
    throw ApiException.invalid(key + " must be a string or a list of strings");
  }

  /** A non-negative integer field, or {@code dflt}. */
  public static int integer(Map<String, Object> body, String key, int dflt) {
    Object v = body.get(key);
    if (v == null) return dflt;
    if (v instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue()) && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw ApiException.invalid(key + " must be a non-negative integer");
  }

  /** A query parameter as a non-negative integer, or {@code dflt}. */
  public static int queryInt(Context c, String name, int dflt) {
    String v = c.queryParam(name);
    if (v == null || v.isBlank()) return dflt;
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.invalid(name + " must be a non-negative integer, not '" + v + "'");
  }
}
