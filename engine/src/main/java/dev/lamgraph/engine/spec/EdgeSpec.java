package dev.lamgraph.engine.spec;

import java.util.List;

/**
 * An edge: static ({@code to} set, {@code when} empty), conditional ({@code when} branches tried
 * in order, then {@code elseTo}), or a join ({@code join} holds two or more sources: the targets
 * run once, in the step after every source has completed).
 *
 * <pre>{@code
 * - { from: plan, to: [search, fetch] }     # static fan-out
 * - { from: [search, fetch], to: merge }    # join: merge waits for both
 * }</pre>
 *
 * @param from the source node; for a join, its sources as written (e.g. "[search, fetch]")
 * @param join the sources of a join edge, else empty
 */
public record EdgeSpec(String from, Pos fromPos, List<Target> to, List<Branch> when, Target elseTo, Pos pos,
    List<Target> join) {
  /** A named target with its position. */
  public record Target(String node, Pos pos) {}

  /** {@code { if: CEL, to: NODE }}. */
  public record Branch(String condition, Pos conditionPos, Target to) {}

  /** A static or conditional edge from one node. */
  public EdgeSpec(String from, Pos fromPos, List<Target> to, List<Branch> when, Target elseTo, Pos pos) {
    this(from, fromPos, to, when, elseTo, pos, List.of());
  }

  public boolean conditional() {
    return !when.isEmpty() || elseTo != null;
  }

  public boolean isJoin() {
    return !join.isEmpty();
  }
}
