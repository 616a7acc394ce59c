package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import java.util.Set;

/**
 * A compiled {@code type: map} node (see {@link MapNodeType}): runs {@code inner} once per item
 * of the list in channel {@code over}, each run seeing the item in channel {@code item}, at most
 * {@code maxConcurrency} at a time (0: all at once), and writes the values each run wrote to
 * {@code collect}, in item order, to {@code output}. The executor runs it; {@link #run} refuses.
 *
 * @param item the channel that holds the current item in each run's view of the state
 */
public record MapNode(String over, Channel item, String collect, String output, int maxConcurrency, CompiledNode inner)
    implements Node {
  @Override
  public NodeResult run(NodeContext ctx) {
    throw new IllegalStateException("map node '" + ctx.nodeName() + "' is run by the lamgraph executor");
  }

  @Override
  public Set<String> writes() {
    return Set.of(output);
  }
}
