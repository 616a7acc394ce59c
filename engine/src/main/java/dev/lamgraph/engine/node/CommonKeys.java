package dev.lamgraph.engine.node;

import java.util.Set;

/** Keys every node accepts, handled by the engine itself (not by the node type). */
public final class CommonKeys {
  public static final Set<String> ALL = Set.of(
      "type", "description", "retry", "timeout", "on_error", "interrupt_before", "interrupt_after");

  private CommonKeys() {}
}
