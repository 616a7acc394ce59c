package dev.lamgraph.nodes.tool;

import java.util.List;

/**
 * A kind of tool ({@code type: http}, {@code shell}, {@code file}, {@code sql}, {@code java},
 * {@code mcp}), found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.lamgraph.nodes.tool.ToolConnector}). It describes its own configuration
 * so {@code lam nodes} lists it and the docs are generated from code.
 *
 * <pre>{@code
 * public final class EchoConnector implements ToolConnector {
 *   public String name() { return "echo"; }
 *   public String summary() { return "Returns its arguments."; }
 *   public String configSchema() { return ToolSchemas.connector("", List.of()); }
 *   public String example() { return "tools:\n  echo: { type: echo, parameters: {type: object} }"; }
 *   public List<Tool> create(ToolDeclaration d) {
 *     return List.of(new ConfiguredTool(d, d.parameters().orElse("{\"type\":\"object\"}")) {
 *       public Object call(Map<String, Object> args, ToolCall call) { return args; }
 *     });
 *   }
 * }
 * }</pre>
 */
public interface ToolConnector {
  /** The {@code type:} spelling under {@code tools:}. */
  String name();

  /** One line for {@code lam nodes}. */
  String summary();

  /**
   * JSON Schema of a tool's configuration, common keys included (type, description, timeout,
   * needs, gives, parameters): build it with {@link ToolSchemas#connector}.
   */
  String configSchema();

  /** A YAML example: a {@code tools:} section with one tool of this type. */
  String example();

  /**
   * Builds the tools declared by one entry (an MCP server yields several), reporting problems
   * through {@link ToolDeclaration#problems()} at the config's positions; empty on error. Called
   * only once the entry matched {@link #configSchema()}.
   */
  List<Tool> create(ToolDeclaration declaration);
}
