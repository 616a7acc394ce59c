package dev.lamgraph.engine.check;

import dev.lamgraph.engine.spec.EdgeSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.jgrapht.graph.EdgeReversedGraph;

/**
 * Semantic checks of the graph's shape, with jgrapht: unknown nodes in edges, missing entry,
 * unreachable nodes, nodes with no path to END, cycles with no conditional exit.
 */
public final class GraphChecks {
  private GraphChecks() {}

  public static void check(WorkflowSpec spec, Problems problems) {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex(WorkflowSpec.START);
    g.addVertex(WorkflowSpec.END);
    spec.nodes().keySet().forEach(g::addVertex);
    Set<String> conditionalSources = new HashSet<>();
    boolean entry = false;
    String known = String.join(", ", spec.nodes().keySet());
    for (EdgeSpec e : spec.edges()) {
      boolean fromOk = true;
      if (e.from().equals(WorkflowSpec.END)) {
        problems.error("EDGE_FROM_END", e.fromPos(), "an edge cannot leave END");
        fromOk = false;
      } else if (!g.containsVertex(e.from())) {
        problems.error("UNKNOWN_NODE", e.fromPos(), "edge from unknown node '" + e.from() + "'; known: START, " + known);
        fromOk = false;
      }
      if (e.from().equals(WorkflowSpec.START)) entry = true;
      if (e.conditional()) conditionalSources.add(e.from());
      for (EdgeSpec.Target t : targets(e)) {
        if (t.node().equals(WorkflowSpec.START)) {
          problems.error("EDGE_TO_START", t.pos(), "an edge cannot lead to START");
        } else if (!g.containsVertex(t.node())) {
          problems.error("UNKNOWN_NODE", t.pos(), "edge to unknown node '" + t.node() + "'; known: " + known + ", END");
        } else if (fromOk) {
          g.addEdge(e.from(), t.node());
        }
      }
    }
    for (NodeSpec n : spec.nodes().values()) {
      if (n.onError() != null && g.containsVertex(n.onError())) g.addEdge(n.name(), n.onError());
    }
    if (!entry) {
      problems.error("NO_ENTRY", new Pos(spec.file(), 1, 1), "no edge from START: add `- { from: START, to: <first node> }`"
          + (spec.nodes().isEmpty() ? "" : "; nodes: " + known));
      return;
    }
    Set<String> reachable = new HashSet<>();
    new BreadthFirstIterator<>(g, WorkflowSpec.START).forEachRemaining(reachable::add);
    Set<String> reachesEnd = new HashSet<>();
    new BreadthFirstIterator<>(new EdgeReversedGraph<>(g), WorkflowSpec.END).forEachRemaining(reachesEnd::add);
    Set<String> inClosedCycle = closedCycles(spec, g, conditionalSources, problems);
    for (NodeSpec n : spec.nodes().values()) {
      if (!reachable.contains(n.name())) {
        problems.error("UNREACHABLE", n.pos(), "node '" + n.name() + "' cannot be reached from START");
      } else if (!reachesEnd.contains(n.name()) && !inClosedCycle.contains(n.name())) {
        problems.error("NO_PATH_TO_END", n.pos(), "node '" + n.name() + "' has no path to END"
            + (g.outDegreeOf(n.name()) == 0 ? " (it has no outgoing edge)" : ""));
      }
    }
    if (!inClosedCycle.isEmpty() || hasCycle(g)) {
      if (spec.limits() == dev.lamgraph.engine.spec.LimitsSpec.DEFAULT) {
        problems.warning("LOOP_WITHOUT_LIMIT", new Pos(spec.file(), 1, 1), "the graph has a loop but no `limits: { max_steps: N }`; "
            + "the default of " + dev.lamgraph.engine.spec.LimitsSpec.DEFAULT.maxSteps() + " steps applies");
      }
    }
  }

  /** Cycles that no conditional edge can leave; returns their nodes. */
  private static Set<String> closedCycles(WorkflowSpec spec, Graph<String, DefaultEdge> g, Set<String> conditionalSources,
      Problems problems) {
    Set<String> out = new HashSet<>();
    for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
      boolean cycle = scc.size() > 1 || scc.stream().anyMatch(v -> g.containsEdge(v, v));
      if (!cycle) continue;
      boolean exit = false;
      for (String v : scc) {
        if (!conditionalSources.contains(v) && spec.nodes().get(v) != null && spec.nodes().get(v).onError() == null) continue;
        for (DefaultEdge e : g.outgoingEdgesOf(v)) {
          if (!scc.contains(g.getEdgeTarget(e))) exit = true;
        }
      }
      if (!exit) {
        List<String> names = spec.nodes().keySet().stream().filter(scc::contains).toList();
        NodeSpec first = spec.nodes().get(names.get(0));
        problems.error("CYCLE_NO_EXIT", first.pos(), "the loop " + String.join(" -> ", names) + " -> " + names.get(0)
            + " has no conditional edge leading out of it, so it can never end; add `when:`/`else:` on one of its nodes");
        out.addAll(new LinkedHashSet<>(scc));
      }
    }
    return out;
  }

  private static boolean hasCycle(Graph<String, DefaultEdge> g) {
    return new org.jgrapht.alg.cycle.CycleDetector<>(g).detectCycles();
  }

  private static List<EdgeSpec.Target> targets(EdgeSpec e) {
    if (!e.conditional()) return e.to();
    java.util.ArrayList<EdgeSpec.Target> t = new java.util.ArrayList<>();
    e.when().forEach(b -> t.add(b.to()));
    if (e.elseTo() != null) t.add(e.elseTo());
    return t;
  }
}
