package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import java.util.Optional;

/**
 * A node type whose nodes the executor runs itself ({@code map}, {@code subgraph}): listed with
 * the other types (same schema check, {@code lam nodes}), but built by the compiler into a
 * control {@link NodeBody} rather than a {@link Node}.
 */
sealed interface ControlNodeType extends NodeType permits MapNodeType, SubgraphNodeType {
  /** Builds the node's body, reporting every problem through {@code b.problems()}; empty when it cannot. */
  Optional<NodeBody> body(NodeSpec spec, NodeBuilder b);

  /** Control nodes have no {@link Node}: {@link NodeBuilder} calls {@link #body} instead. */
  @Override
  default Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    throw new IllegalStateException("'" + name() + "' nodes are control nodes, built by the compiler");
  }
}
