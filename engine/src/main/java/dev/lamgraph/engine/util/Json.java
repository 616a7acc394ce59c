package dev.lamgraph.engine.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON encoding of state and events (Jackson; never Java serialization). Integers decode as
 * {@code Long}, decimals as {@code Double}, objects keep their key order.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** {@code v} as compact JSON text ({@link JsonText}: Jackson's exact output, written without its per-call set-up). */
  public static String write(Object v) {
    return JsonText.write(v);
  }

  public static String pretty(Object v) {
    try {
      return PRETTY.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not JSON-shaped: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses any JSON value into JSON-shaped Java objects. */
  public static Object read(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static Map<String, Object> readMap(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON object: " + e.getOriginalMessage(), e);
    }
  }

  public static List<Object> readList(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<ArrayList<Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON array: " + e.getOriginalMessage(), e);
    }
  }
}
