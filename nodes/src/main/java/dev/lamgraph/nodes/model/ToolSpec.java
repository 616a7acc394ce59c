package dev.lamgraph.nodes.model;

import java.util.Map;

/**
 * A tool offered to the model: its name, description and the JSON Schema of its arguments.
 *
 * <pre>{@code
 * new ToolSpec("lookup", "Finds an order", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string"))));
 * }</pre>
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {
  public ToolSpec {
    parameters = parameters == null ? Map.of("type", "object") : parameters;
  }
}
