package dev.lamgraph.engine.spec;

import java.util.List;

/**
 * An edge: static ({@code to} set, {@code when} empty) or conditional ({@code when} branches
 * tried in order, then {@code elseTo}).
 */
public record EdgeSpec(String from, Pos fromPos, List<Target> to, List<Branch> when, Target elseTo, Pos pos) {
  /** A named target with its position. */
  public record Target(String node, Pos pos) {}

  /** {@code { if: CEL, to: NODE }}. */
  public record Branch(String condition, Pos conditionPos, Target to) {}

  public boolean conditional() {
    return !when.isEmpty() || elseTo != null;
  }
}
