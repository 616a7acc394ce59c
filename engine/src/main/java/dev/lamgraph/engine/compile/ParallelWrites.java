package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * PARALLEL_WRITE: two nodes that can run in the same step both write a {@code replace} channel,
 * so one update would silently overwrite the other (LangGraph raises InvalidUpdateError at run
 * time; we refuse the workflow). The steps a workflow can reach are explored as sets of nodes
 * (a frontier, plus the arrivals at its joins), every condition being free to go either way and
 * every node with {@code on_error} free to fail, up to {@link #MAX_STATES} frontiers. Nodes whose
 * writes are unknown ({@code Node.writes()} empty) are not checked.
 *
 * <pre>{@code
 * nodes: { a: { type: set, set: { winner: "'a'" } }, b: { type: set, set: { winner: "'b'" } } }
 * edges: [ { from: START, to: [a, b] }, ... ]   # error[PARALLEL_WRITE] at b: ... 'a' and 'b' ... 'winner'
 * }</pre>
 */
final class ParallelWrites {
  static final int MAX_STATES = 5_000;
  private static final int MAX_CHOICES = 256;

  /** A reachable step: its nodes, and the sources that arrived at each waiting join (by join index). */
  private record Step(TreeSet<String> nodes, TreeMap<Integer, TreeSet<String>> arrived) {}

  private final WorkflowSpec spec;
  private final Map<String, Channel> channels;
  private final Map<String, CompiledNode> nodes;
  private final Map<String, List<Route>> routes;
  private final List<Join> joins;

  private ParallelWrites(WorkflowSpec spec, Map<String, Channel> channels, Map<String, CompiledNode> nodes,
      Map<String, List<Route>> routes, List<Join> joins) {
    this.spec = spec;
    this.channels = channels;
    this.nodes = nodes;
    this.routes = routes;
    this.joins = joins;
  }

  static void check(WorkflowSpec spec, Map<String, Channel> channels, Map<String, CompiledNode> nodes,
      Map<String, List<Route>> routes, List<Join> joins, Problems problems) {
    new ParallelWrites(spec, channels, nodes, routes, joins).run(problems);
  }

  private void run(Problems problems) {
    Set<Step> seen = new HashSet<>();
    Deque<Step> todo = new ArrayDeque<>();
    for (Set<String> first : choices(WorkflowSpec.START)) {
      todo.add(new Step(known(first), new TreeMap<>()));
    }
    Set<List<String>> reported = new HashSet<>();
    while (!todo.isEmpty() && seen.size() < MAX_STATES) {
      Step s = todo.poll();
      if (s.nodes().isEmpty() || !seen.add(s)) continue;
      report(s.nodes(), reported, problems);
      todo.addAll(successors(s));
    }
  }

  /** The steps that can follow {@code s}: one per combination of its nodes' possible outcomes. */
  private List<Step> successors(Step s) {
    List<Step> out = new ArrayList<>();
    List<List<Outcome>> perNode = new ArrayList<>();
    for (String n : s.nodes()) perNode.add(outcomes(n));
    for (List<Outcome> combo : product(perNode)) {
      TreeSet<String> next = new TreeSet<>();
      Set<String> completed = new HashSet<>();
      for (Outcome o : combo) {
        next.addAll(o.routed());
        if (o.completed() != null) completed.add(o.completed());
      }
      TreeMap<Integer, TreeSet<String>> arrived = new TreeMap<>();
      s.arrived().forEach((k, v) -> arrived.put(k, new TreeSet<>(v)));
      for (int i = 0; i < joins.size(); i++) {
        Join j = joins.get(i);
        TreeSet<String> a = arrived.getOrDefault(i, new TreeSet<>());
        for (String src : j.from()) if (completed.contains(src)) a.add(src);
        if (a.containsAll(j.from())) {
          next.addAll(j.to());
          arrived.remove(i);
        } else if (!a.isEmpty()) {
          arrived.put(i, a);
        }
      }
      out.add(new Step(known(next), arrived));
    }
    return out;
  }

  /** One way a node can end: the nodes it routes to, and itself when it completed (null when it failed). */
  private record Outcome(Set<String> routed, String completed) {}

  private List<Outcome> outcomes(String node) {
    List<Outcome> out = new ArrayList<>();
    for (Set<String> r : choices(node)) out.add(new Outcome(r, node));
    CompiledNode n = nodes.get(node);
    if (n != null && n.spec().onError() != null) out.add(new Outcome(Set.of(n.spec().onError()), null));
    return out;
  }

  /** The target sets the edges out of {@code from} can choose: static targets plus one branch per conditional edge. */
  private List<Set<String>> choices(String from) {
    List<List<Set<String>>> perRoute = new ArrayList<>();
    for (Route r : routes.getOrDefault(from, List.of())) {
      if (r instanceof Route.Static st) {
        perRoute.add(List.of(new LinkedHashSet<>(st.targets())));
      } else if (r instanceof Route.Conditional c) {
        List<Set<String>> options = new ArrayList<>();
        c.branches().forEach(b -> options.add(Set.of(b.target())));
        options.add(c.elseTarget() == null ? Set.of() : Set.of(c.elseTarget()));
        perRoute.add(options);
      }
    }
    List<Set<String>> out = new ArrayList<>();
    for (List<Set<String>> combo : product(perRoute)) {
      Set<String> u = new LinkedHashSet<>();
      combo.forEach(u::addAll);
      out.add(u);
    }
    return out;
  }

  /** The cartesian product, cut at {@link #MAX_CHOICES} combinations. */
  private static <T> List<List<T>> product(List<List<T>> lists) {
    List<List<T>> out = new ArrayList<>();
    out.add(List.of());
    for (List<T> options : lists) {
      List<List<T>> grown = new ArrayList<>();
      for (List<T> prefix : out) {
        for (T o : options) {
          if (grown.size() >= MAX_CHOICES) break;
          List<T> l = new ArrayList<>(prefix);
          l.add(o);
          grown.add(l);
        }
      }
      out = grown;
    }
    return out;
  }

  private TreeSet<String> known(Set<String> names) {
    TreeSet<String> out = new TreeSet<>();
    for (String n : names) if (spec.nodes().containsKey(n)) out.add(n);
    return out;
  }

  private void report(Set<String> step, Set<List<String>> reported, Problems problems) {
    List<String> ordered = spec.nodes().keySet().stream().filter(step::contains).toList();
    for (int i = 0; i < ordered.size(); i++) {
      for (int k = i + 1; k < ordered.size(); k++) {
        String a = ordered.get(i);
        String b = ordered.get(k);
        List<String> both = shared(a, b);
        if (both.isEmpty() || !reported.add(List.of(a, b))) continue;
        String chs = String.join(", ", both.stream().map(c -> "'" + c + "'").toList());
        problems.error(Codes.PARALLEL_WRITE, spec.nodes().get(b).pos(), "nodes '" + a + "' and '" + b + "' can run in the same "
            + "step and both write " + (both.size() == 1 ? "channel " : "channels ") + chs + " (reducer replace): one "
            + "update would overwrite the other; give the channel a reducer (append, merge, add), write different "
            + "channels, or run the nodes one after the other");
      }
    }
  }

  /** Replace channels both nodes write, in declaration order. */
  private List<String> shared(String a, String b) {
    CompiledNode na = nodes.get(a);
    CompiledNode nb = nodes.get(b);
    if (na == null || nb == null) return List.of();
    Set<String> wa = na.writes();
    Set<String> wb = nb.writes();
    List<String> out = new ArrayList<>();
    for (Channel c : channels.values()) {
      if (c.reducer() == ReducerKind.REPLACE && wa.contains(c.name()) && wb.contains(c.name())) out.add(c.name());
    }
    return out;
  }
}
