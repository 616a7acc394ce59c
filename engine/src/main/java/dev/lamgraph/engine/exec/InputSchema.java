package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.expr.InputRefs;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of a workflow's run input, the object {@link InputCheck} accepts:
 * one property per channel (its type, list item type, declared JSON Schema, description and
 * default) and one unconstrained property per key read as {@code input.KEY}. Other keys are
 * refused ({@code additionalProperties: false}) unless an expression may read any key
 * ({@link InputRefs#open()}). No key is required: a channel without a value starts absent or at its
 * default. For forms and tool descriptions (the MCP server's tool input schemas).
 *
 * <pre>{@code
 * Map<String, Object> schema = InputSchema.of(graph);
 * // {type: object, properties: {topic: {type: string, description: ...}, ...}, additionalProperties: false}
 * }</pre>
 */
public final class InputSchema {
  private InputSchema() {}

  /** The input schema of {@code graph}, as a JSON-shaped map. */
  public static Map<String, Object> of(CompiledGraph graph) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (Channel c : graph.channels().values()) props.put(c.name(), channel(c.spec()));
    InputRefs refs = graph.inputRefs();
    for (String key : refs.keys()) {
      props.putIfAbsent(key, Map.of("description", "read by the workflow's expressions as input." + key));
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    if (!refs.open()) schema.put("additionalProperties", false);
    return schema;
  }

  /** One channel's value schema: its declared schema when it has one, narrowed to its type. */
  static Map<String, Object> channel(ChannelSpec c) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (c.schema() != null) {
      Object declared = Json.read(c.schema());
      if (declared instanceof Map<?, ?> m) m.forEach((k, v) -> s.put(String.valueOf(k), v));
    }
    String type = jsonType(c.type());
    if (type != null) s.put("type", type);
    if (c.type() == ValueType.LIST && c.items() != null && jsonType(c.items()) != null && !s.containsKey("items")) {
      s.put("items", Map.of("type", jsonType(c.items())));
    }
    if (c.type() == ValueType.MESSAGES && !s.containsKey("items")) { // chat messages: a string is a human message
      s.put("items", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "object"))));
    }
    if (c.description() != null && !c.description().isBlank() && !s.containsKey("description")) s.put("description", c.description());
    if (c.hasDefault() && c.defaultValue() != null) s.put("default", c.defaultValue());
    return s;
  }

  /** The JSON Schema type of a channel type; null for {@code any}. */
  static String jsonType(ValueType t) {
    return switch (t) {
      case STRING -> "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case LIST, MESSAGES -> "array";
      case OBJECT -> "object";
      case ANY -> null;
    };
  }
}
