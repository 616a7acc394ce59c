package dev.lamgraph.engine.node;

import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.OutputShape;
import java.util.List;
import java.util.Optional;

/**
 * A kind of node ({@code type: set}, {@code type: planner}...). Implementations are found with
 * {@link java.util.ServiceLoader} (list them in {@code META-INF/services/dev.lamgraph.engine.node.NodeType}),
 * so the engine never imports them. Each describes its own configuration, so {@code lam nodes}
 * and the docs are generated from code.
 *
 * <pre>{@code
 * public final class EchoType implements NodeType {
 *   public String name() { return "echo"; }
 *   public String summary() { return "Copies input.text into state.out."; }
 *   public String configSchema() { return "{\"type\":\"object\"}"; }
 *   public String example() { return "echo: { type: echo }"; }
 *   public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
 *     return Optional.of(c -> NodeResult.of(Map.of("out", c.input().get("text"))));
 *   }
 * }
 * }</pre>
 */
public interface NodeType {
  /** The {@code type:} spelling, [a-z_]+. */
  String name();

  /** One line for {@code lam nodes}. */
  String summary();

  /**
   * JSON Schema (draft 2020-12) of the node's type-specific keys. It is applied to the node's
   * whole mapping after the common keys ({@link CommonKeys}) are removed; use {@code
   * "additionalProperties": false} so typos are reported.
   */
  String configSchema();

  /** A YAML example of one node of this type (a {@code name: {...}} entry under {@code nodes:}). */
  String example();

  /**
   * The declared shapes of what nodes of this type write (e.g. a reviewer's verdict to the channel
   * its {@code output:} names). Before any expression compiles, a channel written under such a
   * shape, and without a {@code schema:} of its own, is typed with it for CEL, so reading a field
   * the shape does not have is the compile error {@code OUTPUT_FIELD}. None by default.
   */
  default List<OutputShape> outputShapes() {
    return List.of();
  }

  /** The diagram shape family of this node kind (e.g. "set", "tool", "llm", "human"). */
  default String kind() {
    return name();
  }

  /**
   * Whether nodes of this type may pause the run for input (return {@link NodeResult#interrupt}).
   * The executor plans for it ({@code CompiledGraph.mayPause}); on resume, the answer is checked
   * against the interrupt's schema and, when the node writes a single channel ({@link
   * Node#writes}), against that channel's type, before the run continues.
   */
  default boolean pauses() {
    return false;
  }

  /**
   * Builds the runnable node, reporting every problem through {@code ctx.problems()}. Returns
   * empty when the node cannot be built (problems were reported).
   */
  Optional<Node> create(NodeSpec spec, CompileContext ctx);
}
