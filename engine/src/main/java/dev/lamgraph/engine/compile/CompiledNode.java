package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import java.util.Set;

/**
 * A node ready to run: its spec (retry, timeout, on_error...), its type (kind, capabilities) and
 * its {@link NodeBody} (a plugin node, or a map / subgraph control body).
 */
public record CompiledNode(NodeSpec spec, NodeType type, NodeBody body) {
  private static final NodeBody.Cases<CompiledNode, Boolean, RuntimeException> PAUSES = new NodeBody.Cases<>() {
    @Override
    public Boolean task(NodeBody.Task t, CompiledNode n) {
      return n.type().pauses();
    }

    @Override
    public Boolean map(MapBody m, CompiledNode n) {
      return m.inner().mayPause();
    }

    @Override
    public Boolean subgraph(SubgraphBody s, CompiledNode n) {
      return s.child().mayPause();
    }
  };

  public String name() {
    return spec.name();
  }

  /** The diagram shape family of the node's type ({@link NodeType#kind}). */
  public String kind() {
    return type.kind();
  }

  /** Channels the node may write, for static checks; empty when unknown. */
  public Set<String> writes() {
    return body.writes();
  }

  /**
   * Whether running this node can pause the run: it interrupts before / after, its type {@link
   * NodeType#pauses pauses}, or it is a subgraph (or a map over a node) that can pause.
   */
  public boolean mayPause() {
    return spec.interruptBefore() || spec.interruptAfter() || body.match(PAUSES, this);
  }
}
