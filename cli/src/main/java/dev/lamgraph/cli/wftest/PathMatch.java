package dev.lamgraph.cli.wftest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The match modes of a run's path (the nodes it ran, in order) against an expected one, as
 * agentevals' trajectory match: {@code exact} (the same nodes in the same order), {@code in_order}
 * (the expected nodes appear in this order, others may come between), {@code unordered} (the same
 * nodes, each as often, in any order), {@code subset} (the run ran no node the expectation lacks)
 * and {@code superset} (the run ran every expected node).
 *
 * <pre>{@code
 * PathMatch.matches("in_order", List.of("plan", "act", "review", "act"), List.of("plan", "review")); // true
 * }</pre>
 */
public final class PathMatch {
  /** The modes, as written in test files and {@code lam eval --scorer trajectory:MODE}. */
  public static final List<String> MODES = List.of("exact", "in_order", "unordered", "subset", "superset");

  private PathMatch() {}

  /** Whether {@code actual} matches {@code expected} under {@code mode}. */
  public static boolean matches(String mode, List<String> actual, List<String> expected) {
    return switch (mode) {
      case "exact" -> actual.equals(expected);
      case "in_order" -> inOrder(actual, expected);
      case "unordered" -> counts(actual).equals(counts(expected));
      case "subset" -> expected.containsAll(actual);
      case "superset" -> actual.containsAll(expected);
      default -> throw new IllegalArgumentException("unknown path match mode '" + mode + "'; known: " + String.join(", ", MODES));
    };
  }

  private static boolean inOrder(List<String> actual, List<String> expected) {
    int i = 0;
    for (String a : actual) if (i < expected.size() && expected.get(i).equals(a)) i++;
    return i == expected.size();
  }

  private static Map<String, Integer> counts(List<String> l) {
    Map<String, Integer> m = new HashMap<>();
    for (String s : l) m.merge(s, 1, Integer::sum);
    return m;
  }

  /**
   * The path of a run: the top-level nodes of its {@code node_started} events (first attempts), in
   * order; a node that paused the run (a human node) and ran again on resume counts once.
   */
  public static List<String> path(List<dev.lamgraph.engine.trace.TraceEvent> events) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> paused = new java.util.HashSet<>();
    for (var e : events) {
      if (e.kind().equals("run_paused") && e.node() != null) paused.add(e.node());
      if (!e.kind().equals("node_started") || e.node() == null || e.data().containsKey("attempt")) continue;
      if (paused.remove(e.node())) continue; // the same visit, continued with the answer
      if (e.node().contains("[") || e.node().contains("/") || e.node().startsWith("__")) continue;
      out.add(e.node());
    }
    return out;
  }
}
