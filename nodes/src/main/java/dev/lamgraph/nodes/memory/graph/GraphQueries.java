package dev.lamgraph.nodes.memory.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.graph.AsUndirectedGraph;

/**
 * Reads over a {@link GraphStore}: the neighbourhood of entities (breadth-first, relations followed
 * both ways, loaded level by level from the store), and the shortest path between two entities
 * (jgrapht's BFS over the loaded neighbourhood, relations as undirected edges).
 */
public final class GraphQueries {
  /** Most entities a query loads (a query that reaches more stops there, keeping the nearest). */
  public static final int MAX_ENTITIES = 5_000;
  private final GraphStore store;

  public GraphQueries(GraphStore store) {
    this.store = store;
  }

  /**
   * The entities within {@code depth} relations of the seeds (seeds that are not stored are left out), and the relations
   * among them; {@code types} restricts the relations followed (empty = all).
   */
  public dev.lamgraph.nodes.memory.graph.Graph.Sub neighbourhood(String ns, List<String> seeds, int depth, Set<String> types) {
    Map<String, dev.lamgraph.nodes.memory.graph.Graph.Entity> found = store.entities(ns, new LinkedHashSet<>(seeds));
    Set<String> visited = new LinkedHashSet<>(found.keySet());
    Map<String, dev.lamgraph.nodes.memory.graph.Graph.Relation> rels = new LinkedHashMap<>();
    Set<String> frontier = new LinkedHashSet<>(visited);
    for (int d = 0; d < depth && !frontier.isEmpty() && visited.size() < MAX_ENTITIES; d++) {
      Set<String> next = new LinkedHashSet<>();
      for (var r : store.relations(ns, frontier, types)) {
        for (String end : List.of(r.from(), r.to())) {
          if (!visited.contains(end) && visited.size() + next.size() < MAX_ENTITIES) next.add(end);
        }
        rels.putIfAbsent(key(r), r);
      }
      visited.addAll(next);
      frontier = next;
    }
    Map<String, dev.lamgraph.nodes.memory.graph.Graph.Entity> all = store.entities(ns, visited);
    List<dev.lamgraph.nodes.memory.graph.Graph.Entity> es = new ArrayList<>();
    for (String id : visited) {
      if (all.containsKey(id)) es.add(all.get(id));
    }
    List<dev.lamgraph.nodes.memory.graph.Graph.Relation> rs = new ArrayList<>();
    for (var r : rels.values()) {
      if (all.containsKey(r.from()) && all.containsKey(r.to())) rs.add(r);
    }
    return new dev.lamgraph.nodes.memory.graph.Graph.Sub(es, rs);
  }

  /**
   * The shortest chain of relations between two entities (either direction), at most {@code maxLength} relations long:
   * the entities in path order and the relations between them; empty when there is none.
   */
  public Optional<dev.lamgraph.nodes.memory.graph.Graph.Sub> path(String ns, String from, String to, int maxLength, Set<String> types) {
    var ball = neighbourhood(ns, List.of(from), maxLength, types);
    Graph<String, dev.lamgraph.nodes.memory.graph.Graph.Relation> g = new DirectedPseudograph<>(null, null, false);
    ball.entities().forEach(e -> g.addVertex(e.id()));
    if (!g.containsVertex(from) || !g.containsVertex(to)) return Optional.empty();
    ball.relations().forEach(r -> g.addEdge(r.from(), r.to(), r));
    GraphPath<String, dev.lamgraph.nodes.memory.graph.Graph.Relation> p = BFSShortestPath.findPathBetween(new AsUndirectedGraph<>(g), from, to);
    if (p == null) return Optional.empty();
    Map<String, dev.lamgraph.nodes.memory.graph.Graph.Entity> byId = new LinkedHashMap<>();
    ball.entities().forEach(e -> byId.put(e.id(), e));
    List<dev.lamgraph.nodes.memory.graph.Graph.Entity> es = new ArrayList<>();
    p.getVertexList().forEach(v -> es.add(byId.get(v)));
    return Optional.of(new dev.lamgraph.nodes.memory.graph.Graph.Sub(es, new ArrayList<>(p.getEdgeList())));
  }

  /** Entity ids named by recall hits: each hit's id and its metadata's {@code key} (a string or a list of strings). */
  public static List<String> linkedIds(List<?> hits, String key) {
    Set<String> out = new LinkedHashSet<>();
    for (Object h : hits) {
      if (!(h instanceof Map<?, ?> m)) continue;
      if (m.get("id") instanceof String id) out.add(id);
      if (m.get("metadata") instanceof Map<?, ?> meta) {
        Object v = meta.get(key);
        if (v instanceof String s) out.add(s);
        if (v instanceof List<?> l) l.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
      }
    }
    return new ArrayList<>(out);
  }

  private static String key(dev.lamgraph.nodes.memory.graph.Graph.Relation r) {
    return r.from() + "\u0000" + r.type() + "\u0000" + r.to();
  }

}
