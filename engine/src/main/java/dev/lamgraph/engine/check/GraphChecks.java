package dev.lamgraph.engine.check;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.EdgeSpec;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.util.Spelling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * Semantic checks of the graph's shape, with jgrapht: unknown nodes in edges and joins, edges written twice,
 * missing entry, unreachable nodes, nodes with no path to END, loops that can never be left, and
 * loops without a step limit.
 *
 * <pre>{@code
 * GraphChecks.check(spec, problems); // e.g. "a.yaml:9:21: error[UNKNOWN_NODE]: edge to unknown node 'revew'; ..."
 * }</pre>
 */
public final class GraphChecks {
  private GraphChecks() {}

  public static void check(WorkflowSpec spec, Problems problems) {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex(WorkflowSpec.START);
    g.addVertex(WorkflowSpec.END);
    spec.nodes().keySet().forEach(g::addVertex);
    Graph<String, DefaultEdge> always = new DefaultDirectedGraph<>(DefaultEdge.class); // static edges only
    g.vertexSet().forEach(always::addVertex);
    boolean entry = false;
    String known = String.join(", ", spec.nodes().keySet());
    for (EdgeSpec e : spec.edges()) {
      if (e.isJoin()) {
        join(e, g, always, known, problems);
        continue;
      }
      boolean fromOk = true;
      if (e.from().equals(WorkflowSpec.END)) {
        problems.error(Codes.EDGE_FROM_END, e.fromPos(), "an edge cannot leave END (END finishes the run); edge from END to "
            + String.join(", ", targets(e).stream().map(t -> "'" + t.node() + "'").toList()));
        fromOk = false;
      } else if (!g.containsVertex(e.from())) {
        problems.error(Codes.UNKNOWN_NODE, e.fromPos(), "edge from unknown node '" + e.from() + "'; known: START, " + known
            + Spelling.didYouMean(e.from(), spec.nodes().keySet()));
        fromOk = false;
      }
      if (e.from().equals(WorkflowSpec.START)) entry = true;
      for (EdgeSpec.Target t : targets(e)) {
        if (t.node().equals(WorkflowSpec.START)) {
          problems.error(Codes.EDGE_TO_START, t.pos(), "edge from '" + e.from() + "' leads to START, which only begins the "
              + "run; known targets: " + known + ", END");
        } else if (!g.containsVertex(t.node())) {
          problems.error(Codes.UNKNOWN_NODE, t.pos(), "edge to unknown node '" + t.node() + "'; known: " + known + ", END"
              + Spelling.didYouMean(t.node(), spec.nodes().keySet()));
          if (fromOk) g.addEdge(e.from(), WorkflowSpec.END); // so the typo is not also reported as a dead end
        } else {
          // an edge from an unknown node still makes its target reachable: one typo, one report
          String from = fromOk ? e.from() : WorkflowSpec.START;
          g.addEdge(from, t.node());
          if (fromOk && !e.conditional()) always.addEdge(from, t.node());
        }
      }
      if (fromOk && e.conditional() && e.elseTo() == null) { // no branch taken and no else: this path ends
        g.addEdge(e.from(), WorkflowSpec.END);
      }
    }
    for (NodeSpec n : spec.nodes().values()) {
      if (n.onError() != null && spec.nodes().containsKey(n.onError())) {
        g.addEdge(n.name(), n.onError());
      }
    }
    duplicates(spec, problems);
    if (!entry) {
      problems.error(Codes.NO_ENTRY, new Pos(spec.file(), 1, 1), "no edge from START: add `- { from: START, to: <first node> }`"
          + (spec.nodes().isEmpty() ? "" : "; nodes: " + known));
      return;
    }
    Set<String> reachable = new HashSet<>();
    new BreadthFirstIterator<>(g, WorkflowSpec.START).forEachRemaining(reachable::add);
    Set<String> reachesEnd = reaching(g, Set.of(WorkflowSpec.END));
    Set<String> closed = loops(spec, g, always, problems);
    Set<String> reachesClosed = reaching(g, closed);
    for (NodeSpec n : spec.nodes().values()) {
      if (!reachable.contains(n.name())) {
        EdgeSpec.Target cause = misnamed(spec, n.name(), false);
        if (cause == null) problems.error(Codes.UNREACHABLE, n.pos(), "node '" + n.name() + "' cannot be reached from START");
        else problems.errorAfter(Codes.UNREACHABLE, n.pos(), "node '" + n.name() + "' cannot be reached from START; the edge at "
            + cause.pos().line() + ":" + cause.pos().col() + " names unknown node '" + cause.node() + "'", cause.pos());
      } else if (!reachesEnd.contains(n.name()) && !reachesClosed.contains(n.name())) {
        String msg = "node '" + n.name() + "' has no path to END" + (g.outDegreeOf(n.name()) == 0 ? " (it has no outgoing edge)" : "");
        EdgeSpec.Target cause = misnamed(spec, n.name(), true);
        if (cause == null) problems.error(Codes.NO_PATH_TO_END, n.pos(), msg);
        else problems.errorAfter(Codes.NO_PATH_TO_END, n.pos(), msg + "; the edge at " + cause.pos().line() + ":"
            + cause.pos().col() + " starts at unknown node '" + cause.node() + "'", cause.pos());
      }
    }
  }

  /**
   * The first edge name that is no node but close to {@code node} (within the "did you mean"
   * distance): an edge source when {@code from}, else a target. Null when there is none.
   */
  private static EdgeSpec.Target misnamed(WorkflowSpec spec, String node, boolean from) {
    for (EdgeSpec e : spec.edges()) {
      List<EdgeSpec.Target> names = from ? (e.isJoin() ? e.join() : List.of(new EdgeSpec.Target(e.from(), e.fromPos())))
          : targets(e);
      for (EdgeSpec.Target t : names) {
        if (!spec.nodes().containsKey(t.node()) && !t.node().equals(WorkflowSpec.START) && !t.node().equals(WorkflowSpec.END)
            && !Spelling.didYouMean(t.node(), List.of(node)).isEmpty()) {
          return t;
        }
      }
    }
    return null;
  }

  /**
   * A join's sources must be nodes (not START or END); for reachability it acts as a static edge
   * from each source to each target.
   */
  private static void join(EdgeSpec e, Graph<String, DefaultEdge> g, Graph<String, DefaultEdge> always, String known,
      Problems problems) {
    List<String> sources = new ArrayList<>();
    for (EdgeSpec.Target s : e.join()) {
      if (s.node().equals(WorkflowSpec.START) || s.node().equals(WorkflowSpec.END) || !g.containsVertex(s.node())) {
        String what = g.containsVertex(s.node()) ? "'" + s.node() + "', which is not a node" : "unknown node '" + s.node() + "'";
        problems.error(Codes.JOIN_UNKNOWN_NODE, s.pos(), "join into " + String.join(", ", e.to().stream()
            .map(t -> "'" + t.node() + "'").toList()) + " from " + what + "; known: " + known
            + Spelling.didYouMean(s.node(), g.vertexSet()));
      } else if (!sources.contains(s.node())) {
        sources.add(s.node());
      }
    }
    for (EdgeSpec.Target t : e.to()) {
      if (t.node().equals(WorkflowSpec.START)) {
        problems.error(Codes.EDGE_TO_START, t.pos(), "join from " + e.from() + " leads to START, which only begins the run; "
            + "known targets: " + known + ", END");
      } else if (!g.containsVertex(t.node())) {
        problems.error(Codes.UNKNOWN_NODE, t.pos(), "edge to unknown node '" + t.node() + "'; known: " + known + ", END"
            + Spelling.didYouMean(t.node(), g.vertexSet()));
        for (String s : sources) g.addEdge(s, WorkflowSpec.END);
      } else {
        for (String s : sources) {
          g.addEdge(s, t.node());
          always.addEdge(s, t.node());
        }
      }
    }
  }

  /**
   * Reports loops made of static edges only (each of their nodes always triggers the next, so they
   * never end), and loops without a step limit; returns the nodes of the never-ending loops.
   */
  private static Set<String> loops(WorkflowSpec spec, Graph<String, DefaultEdge> g, Graph<String, DefaultEdge> always,
      Problems problems) {
    Set<String> closed = new HashSet<>();
    for (Set<String> scc : cycles(spec, always)) {
      problems.error(Codes.CYCLE_NO_EXIT, first(spec, scc).pos(), loop(spec, scc) + " is made of static edges only, so it "
          + "can never end; make one of its edges conditional (`when:`/`else:`)");
      closed.addAll(scc);
    }
    if (spec.limits().maxStepsDeclared()) return closed; // even when it declares the default's value
    cycles(spec, g).stream().filter(scc -> !closed.containsAll(scc)).findFirst().ifPresent(scc ->
        problems.warning(Codes.LOOP_WITHOUT_LIMIT, first(spec, scc).pos(), loop(spec, scc) + " repeats until a condition "
            + "changes, and no `limits: { max_steps: N }` bounds it (default: " + LimitsSpec.DEFAULT.maxSteps() + " steps)"));
    return closed;
  }

  /** The strongly connected sets that hold a cycle, in the order of their first declared node. */
  private static List<Set<String>> cycles(WorkflowSpec spec, Graph<String, DefaultEdge> g) {
    List<String> order = List.copyOf(g.vertexSet());
    return new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets().stream()
        .filter(scc -> scc.size() > 1 || scc.stream().anyMatch(v -> g.containsEdge(v, v)))
        .sorted(Comparator.comparingInt(scc -> order.indexOf(first(spec, scc).name()))).toList();
  }

  private static NodeSpec first(WorkflowSpec spec, Set<String> scc) {
    return spec.nodes().values().stream().filter(n -> scc.contains(n.name())).findFirst().orElseThrow();
  }

  private static String loop(WorkflowSpec spec, Set<String> scc) {
    return "the loop through " + String.join(", ", spec.nodes().keySet().stream().filter(scc::contains)
        .map(n -> "'" + n + "'").toList());
  }

  /** An edge written twice, or a branch to a node its source always goes to anyway. */
  private static void duplicates(WorkflowSpec spec, Problems problems) {
    Map<List<String>, Pos> statics = new HashMap<>();
    for (EdgeSpec e : spec.edges()) {
      if (e.conditional() || e.isJoin()) continue;
      for (EdgeSpec.Target t : e.to()) {
        Pos first = statics.putIfAbsent(List.of(e.from(), t.node()), t.pos());
        if (first != null) {
          problems.error(Codes.DUPLICATE_EDGE, t.pos(), "edge from '" + e.from() + "' to '" + t.node()
              + "' is written twice (first at line " + first.line() + ")");
        }
      }
    }
    for (EdgeSpec e : spec.edges()) {
      if (!e.conditional()) continue;
      for (EdgeSpec.Target t : targets(e)) {
        Pos always = statics.get(List.of(e.from(), t.node()));
        if (always != null) {
          problems.error(Codes.DUPLICATE_EDGE, t.pos(), "conditional edge from '" + e.from() + "' to '" + t.node()
              + "' has no effect: a static edge (line " + always.line() + ") always goes there");
        }
      }
    }
  }

  /** The nodes from which one of {@code targets} can be reached (including the targets). */
  private static Set<String> reaching(Graph<String, DefaultEdge> g, Set<String> targets) {
    Set<String> out = new HashSet<>();
    Graph<String, DefaultEdge> reversed = new EdgeReversedGraph<>(g);
    if (!targets.isEmpty()) new BreadthFirstIterator<>(reversed, targets).forEachRemaining(out::add);
    return out;
  }

  /** Every target of an edge: {@code to} (also when wrongly combined with {@code when}), branches, else. */
  private static List<EdgeSpec.Target> targets(EdgeSpec e) {
    List<EdgeSpec.Target> t = new ArrayList<>(e.to());
    e.when().forEach(b -> t.add(b.to()));
    if (e.elseTo() != null) t.add(e.elseTo());
    return t;
  }
}
