package dev.lamgraph.engine.compile;

import java.util.List;

/**
 * A waiting edge, LangGraph's {@code add_edge([a, b], c)}: {@code to} is scheduled once, in the
 * step after every node of {@code from} has completed (successfully) since the join last fired,
 * whether the sources finish in the same step or in different ones.
 *
 * <pre>{@code
 * - { from: [search, fetch], to: merge }   // Join(from=[search, fetch], to=[merge])
 * }</pre>
 *
 * @param from the sources, in the order written, without duplicates
 * @param to the targets (END is kept; the executor never runs it)
 */
public record Join(List<String> from, List<String> to) {
  public Join {
    from = List.copyOf(from);
    to = List.copyOf(to);
  }

  /** A stable, readable id used in checkpoints, e.g. {@code [search, fetch] -> merge}. */
  public String id() {
    return "[" + String.join(", ", from) + "] -> " + String.join(", ", to);
  }
}
