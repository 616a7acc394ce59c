package dev.lamgraph.nodes.tool;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds connector config schemas: the common tool keys (type, description, timeout, needs, gives,
 * parameters) plus the connector's own, with {@code additionalProperties: false} so typos are
 * reported.
 *
 * <pre>{@code
 * String schema = ToolSchemas.connector("\"class\": {\"type\": \"string\"}", List.of("class"));
 * }</pre>
 */
public final class ToolSchemas {
  /** A duration such as 500ms, 30s, 10m. */
  public static final String DURATION = "{\"type\":\"string\",\"pattern\":\"^[0-9]+(ms|s|m|h|d)$\"}";
  /** A size in bytes: an integer, or text such as 64KiB, 1MiB, 10MB. */
  public static final String SIZE = "{\"oneOf\":[{\"type\":\"integer\",\"minimum\":1},"
      + "{\"type\":\"string\",\"pattern\":\"^[0-9]+(B|KB|KiB|MB|MiB|GB|GiB)$\"}],"
      + "\"description\":\"bytes, e.g. 65536, 64KiB or 1MiB\"}";
  /** An array of non-empty strings. */
  public static final String STRINGS = "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":1}}";

  private static final String COMMON = """
      "type": {"type": "string"},
      "description": {"type": "string", "description": "What the tool does, for models and people."},
      "timeout": %s,
      "needs": {"type": "array", "items": {"type": "string"}, "description": "State keys the tool needs (for planners)."},
      "gives": {"type": "array", "items": {"type": "string"}, "description": "State keys the tool produces (for planners)."},
      "parameters": {"type": "object", "description": "JSON Schema of the arguments object."}"""
      .formatted(DURATION);

  private ToolSchemas() {}

  /**
   * The schema of a connector's config.
   *
   * @param ownProperties the connector's properties as JSON members ({@code "url": {...}, ...}), or ""
   * @param required the connector's required keys ({@code type} is always required)
   */
  public static String connector(String ownProperties, List<String> required) {
    String req = Stream.concat(Stream.of("type"), required.stream())
        .map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
    String own = ownProperties.isBlank() ? "" : ",\n" + ownProperties;
    return "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[" + req + "],\n\"properties\":{\n"
        + COMMON + own + "}}";
  }
}
