package dev.lamgraph.nodes.tool;

import dev.lamgraph.engine.load.YNode;
import dev.lamgraph.engine.node.CompileContext;
import java.util.List;

/**
 * A kind of tool ({@code type: http}, {@code shell}, {@code file}, {@code sql}, {@code java},
 * {@code mcp}), found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.lamgraph.nodes.tool.ToolConnector}). It describes its own configuration
 * so {@code lam nodes} lists it.
 */
public interface ToolConnector {
  /** The {@code type:} spelling under {@code tools:}. */
  String name();

  String summary();

  /** JSON Schema of a tool's configuration (common keys included: type, description, timeout, needs, gives). */
  String configSchema();

  /** A YAML example of one tool of this type (a {@code name: {...}} entry under {@code tools:}). */
  String example();

  /**
   * Builds the tools declared by one entry (an MCP server yields several), reporting problems
   * through {@code ctx.problems()} at the config's positions; empty on error.
   */
  List<Tool> create(String name, YNode.YMap config, CompileContext ctx);
}
