package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code type: subgraph} node (see {@link SubgraphNodeType}): runs {@code child} as a
 * thread of its own, started with the values of {@code input} (CEL over the parent's state, by
 * child channel), and writes {@code output} (CEL over the child's final state, by parent channel).
 * The executor runs it; {@link #run} refuses.
 */
public record SubgraphNode(Path file, CompiledGraph child, Map<String, Expr> input, Map<String, Expr> output)
    implements Node, AutoCloseable {
  public SubgraphNode {
    input = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
    output = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(output));
  }

  @Override
  public NodeResult run(NodeContext ctx) {
    throw new IllegalStateException("subgraph node '" + ctx.nodeName() + "' is run by the lamgraph executor");
  }

  @Override
  public Set<String> writes() {
    return output.keySet();
  }

  @Override
  public void close() {
    child.close();
  }
}
