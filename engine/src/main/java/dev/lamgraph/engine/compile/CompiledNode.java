package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.spec.NodeSpec;

/** A node ready to run: its spec (retry, timeout, on_error...), its kind and its implementation. */
public record CompiledNode(NodeSpec spec, String kind, Node node) {
  public String name() {
    return spec.name();
  }
}
