package dev.lamgraph.engine.exec;

import java.time.Instant;
import java.util.List;

/**
 * One checkpoint of a thread's history. The checkpoint id is the step number: 0 is the thread's
 * start, every later one a committed step (or a state edit by {@code __human__} / {@code __fork__}).
 *
 * <pre>{@code
 * for (HistoryEntry h : runs.history("t-1")) System.out.println(h.step() + " " + h.nodes() + " " + h.time());
 * // 0 [START] 2025-...   1 [plan] ...   2 [search, fetch] ...
 * }</pre>
 *
 * @param nodes the nodes that ran in the step ({@code [START]} for step 0)
 * @param next the nodes of the following step (empty: the run ends after this one)
 */
public record HistoryEntry(long step, List<String> nodes, Instant time, List<String> next) {
  public HistoryEntry {
    nodes = List.copyOf(nodes);
    next = List.copyOf(next);
  }
}
