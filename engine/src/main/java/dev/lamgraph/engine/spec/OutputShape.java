package dev.lamgraph.engine.spec;

import java.util.Map;

/**
 * The declared JSON shape of a value a node type writes: the channel named by the node's config
 * key {@code key} (e.g. {@code output}) gets this shape for CEL type checking, unless the channel
 * declares a {@code schema:} of its own. {@code schema} is a JSON Schema map: {@code object}s with
 * {@code properties} become CEL structs named {@code lamgraph.<name>} (reading a field they do not
 * have, such as {@code state.verdict.aprove}, is a compile error), {@code array}s lists of their
 * {@code items}, scalars CEL scalars, anything else {@code dyn}.
 *
 * <pre>{@code
 * new OutputShape("output", "Verdict", Map.of("type", "object", "properties",
 *     Map.of("approve", Map.of("type", "boolean"), "score", Map.of("type", "number"))));
 * }</pre>
 *
 * @param key the node config key whose value names the written channel
 * @param name the shape's name (a struct type name, e.g. {@code Verdict})
 * @param schema the JSON Schema of the written value
 */
public record OutputShape(String key, String name, Map<String, Object> schema) {
  public OutputShape {
    schema = Map.copyOf(schema);
  }

  /** True when the written value is a list (e.g. a plan), false for an object. */
  public boolean isList() {
    return "array".equals(schema.get("type"));
  }
}
