package dev.lamgraph.engine.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lamgraph.engine.util.Json;
import java.util.List;

/** How the SQL stores keep a checkpoint's node lists ({@code ran}, {@code next}): a JSON array of names. */
final class NodeNames {
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private NodeNames() {}

  static String write(List<String> l) {
    return l == null ? null : Json.write(l);
  }

  static List<String> read(String json) {
    if (json == null) return null;
    try {
      return List.copyOf(Json.MAPPER.readValue(json, NAMES));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored node list is not a JSON array of names: " + json, e);
    }
  }
}
