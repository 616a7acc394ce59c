package dev.lamgraph.visualizer;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's path drawn over its graph: how often each node ran, which edges were taken, and the
 * node that failed or paused.
 *
 * @param taken edge keys ({@link #key}) followed by the run
 */
public record RunOverlay(Map<String, Integer> visits, Set<String> taken, boolean started, boolean finished,
    String failed, String paused) {
  public static final RunOverlay NONE = new RunOverlay(Map.of(), Set.of(), false, false, null, null);

  public static String key(String from, String to) {
    return from + "\u0000" + to;
  }

  /**
   * Builds the overlay from a thread's checkpoints (in step order, step 0 first) and status. An
   * edge counts as taken when a node of one step is followed by a node of the next step along an
   * edge of the graph.
   */
  public static RunOverlay of(GraphView view, ThreadInfo thread, List<Checkpoint> checkpoints) {
    Set<String> edges = new LinkedHashSet<>();
    for (GraphView.Edge e : view.edges()) edges.add(key(e.from(), e.to()));
    Map<String, Integer> visits = new LinkedHashMap<>();
    Set<String> taken = new LinkedHashSet<>();
    List<String> previous = List.of(GraphView.START);
    for (Checkpoint cp : checkpoints) {
      if (cp.step() == 0) continue;
      for (String n : cp.ran()) visits.merge(n, 1, Integer::sum);
      link(previous, cp.ran(), edges, taken);
      previous = cp.ran();
    }
    Map<String, Object> detail = thread.detailJson() == null ? Map.of() : Json.readMap(thread.detailJson());
    Object node = detail.get("node");
    String failed = thread.status() == RunStatus.FAILED && node != null ? String.valueOf(node) : null;
    String paused = thread.status() == RunStatus.PAUSED && node != null ? String.valueOf(node) : null;
    List<String> pending = failed != null ? List.of(failed) : paused != null && !"after".equals(detail.get("when"))
        ? List.of(paused) : List.of();
    link(previous, pending, edges, taken);
    boolean finished = thread.status() == RunStatus.DONE;
    if (finished) link(previous, List.of(GraphView.END), edges, taken);
    return new RunOverlay(visits, taken, !checkpoints.isEmpty(), finished, failed, paused);
  }

  private static void link(List<String> from, List<String> to, Set<String> edges, Set<String> taken) {
    for (String a : from) {
      for (String b : to) {
        if (edges.contains(key(a, b))) taken.add(key(a, b));
      }
    }
  }
}
