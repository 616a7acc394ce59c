package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Join;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.store.Checkpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a thread runs next: the nodes of the next step, and for each join the sources that have
 * completed since it last fired. Both are stored with every checkpoint, so a run resumed after a
 * crash continues exactly where the last committed step left it, joins included: the nodes as
 * {@link Checkpoint#next()}, the arrivals as the bookkeeping entry of the writes JSON:
 *
 * <pre>{@code
 * {"joins": [{"join": "[search, fetch] -> merge", "arrived": ["search"]}]}
 * }</pre>
 *
 * Only the last checkpoint is read on resume: the entry holds all arrivals, not a change.
 */
final class Frontier {
  private final List<String> next;
  private final Map<String, Set<String>> arrived;

  private Frontier(List<String> next, Map<String, Set<String>> arrived) {
    this.next = List.copyOf(next);
    this.arrived = arrived;
  }

  static Frontier of(List<String> next) {
    return new Frontier(next, new LinkedHashMap<>());
  }

  /** The frontier stored with {@code cp}; arrivals at joins the graph no longer has are dropped. */
  @SuppressWarnings("unchecked")
  static Frontier at(CompiledGraph g, Checkpoint cp) {
    Map<String, Set<String>> arrived = new LinkedHashMap<>();
    Object joins = StateLog.meta(cp.writesJson()).get("joins");
    if (joins instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> m = (Map<String, Object>) o;
        String id = String.valueOf(m.get("join"));
        if (g.joins().stream().anyMatch(j -> j.id().equals(id))) {
          arrived.put(id, new LinkedHashSet<>((List<String>) m.get("arrived")));
        }
      }
    }
    return new Frontier(cp.next(), arrived);
  }

  List<String> next() {
    return next;
  }

  boolean done() {
    return next.isEmpty();
  }

  /** Sources that completed, by join id (joins with none are absent). */
  Map<String, Set<String>> arrived() {
    return arrived;
  }

  /** The checkpoint bookkeeping entry; null when no join is waiting. */
  Map<String, Object> meta() {
    if (arrived.isEmpty()) return null;
    List<Map<String, Object>> joins = new ArrayList<>();
    arrived.forEach((id, from) -> joins.add(Map.of("join", id, "arrived", new ArrayList<>(from))));
    return Map.of("joins", joins);
  }

  /**
   * The frontier after a step in which {@code completed} succeeded and the edges chose {@code
   * routed}: each join records its sources that completed, and fires (its targets join the next
   * step, its arrivals reset) once all have.
   */
  Frontier after(CompiledGraph g, Collection<String> completed, Collection<String> routed) {
    Map<String, Set<String>> nowArrived = new LinkedHashMap<>();
    arrived.forEach((k, v) -> nowArrived.put(k, new LinkedHashSet<>(v)));
    LinkedHashSet<String> out = new LinkedHashSet<>(routed);
    for (Join j : g.joins()) {
      Set<String> a = nowArrived.getOrDefault(j.id(), new LinkedHashSet<>());
      for (String s : j.from()) if (completed.contains(s)) a.add(s);
      if (a.containsAll(j.from())) {
        out.addAll(j.to());
        nowArrived.remove(j.id());
      } else if (!a.isEmpty()) {
        nowArrived.put(j.id(), a);
      }
    }
    out.remove(WorkflowSpec.END);
    return new Frontier(ordered(g, out), nowArrived);
  }

  /** Nodes in declaration order, the order in which a step's writes are applied. */
  static List<String> ordered(CompiledGraph g, Collection<String> names) {
    if (names.size() <= 1) return new ArrayList<>(names);
    List<String> out = new ArrayList<>(names.size());
    for (String n : g.nodes().keySet()) if (names.contains(n)) out.add(n);
    return out;
  }
}
