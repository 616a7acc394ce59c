package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.nodes.memory.graph.Graph;
import dev.lamgraph.nodes.memory.graph.GraphBatch;
import dev.lamgraph.nodes.memory.graph.GraphQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runnable graph-memory operations of a {@code memory} node: link, neighbours, path, expand. */
final class GraphOps {
  static final String INVALID = "invalid_graph";

  private GraphOps() {}

  /** {@code op: link}: upserts the entities and relations of a state value, with the run's provenance. */
  record Link(MemorySection.MemoryResource res, String ns, Expr graph, String source, String output) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      Object v = MemoryOps.eval(graph, ctx, "graph");
      Map<String, Object> written;
      try {
        GraphBatch b = GraphBatch.parse(v, new Graph.Provenance(ctx.threadId(), ctx.step(), source == null ? ctx.nodeName() : source));
        written = res.graph().write(ns, b);
      } catch (IllegalArgumentException e) {
        throw new NodeFailure(INVALID, "graph `" + graph.source() + "`: " + e.getMessage());
      }
      MemoryOps.trace(ctx, "link", ns, t0, written);
      return output == null ? NodeResult.empty() : NodeResult.of(Map.of(output, written));
    }

    @Override
    public Set<String> writes() {
      return output == null ? Set.of() : Set.of(output);
    }
  }

  /** {@code op: neighbours}: the entities within {@code depth} relations of one entity or a list of them. */
  record Neighbours(MemorySection.MemoryResource res, String ns, Expr entity, int depth, Set<String> types, String output) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      List<String> seeds = ids(MemoryOps.eval(entity, ctx, "entity"), entity);
      Graph.Sub sub = new GraphQueries(res.graph()).neighbourhood(ns, seeds, depth, types);
      MemoryOps.trace(ctx, "neighbours", ns, t0, Map.of("entities", sub.entities().size(), "relations", sub.relations().size()));
      return NodeResult.of(Map.of(output, sub.asMap()));
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }

  /** {@code op: path}: the shortest chain of relations between two entities ({@code found: false} when none). */
  record Path(MemorySection.MemoryResource res, String ns, Expr from, Expr to, int maxLength, Set<String> types, String output) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      String a = MemoryOps.text(from, ctx, "from");
      String b = MemoryOps.text(to, ctx, "to");
      var p = new GraphQueries(res.graph()).path(ns, a, b, maxLength, types);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("found", p.isPresent());
      out.put("length", p.map(s -> (long) s.relations().size()).orElse(-1L));
      out.putAll(p.orElse(new Graph.Sub(List.of(), List.of())).asMap());
      MemoryOps.trace(ctx, "path", ns, t0, Map.of("found", p.isPresent()));
      return NodeResult.of(Map.of(output, out));
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }

  /**
   * {@code op: expand}: graph-augmented retrieval. Recall hits name entities (a hit's id, and its metadata's
   * {@code link_key}: a string or a list); their neighbourhood is the added context.
   */
  record Expand(MemorySection.MemoryResource res, String ns, Expr hits, String linkKey, int depth, Set<String> types, String output)
      implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      Object v = MemoryOps.eval(hits, ctx, "hits");
      if (!(v instanceof List<?> l)) throw new NodeFailure("expression_error", "hits `" + hits.source() + "` must give a list of recall hits");
      List<String> seeds = GraphQueries.linkedIds(l, linkKey);
      Graph.Sub sub = new GraphQueries(res.graph()).neighbourhood(ns, seeds, depth, types);
      Map<String, Object> out = new LinkedHashMap<>();
      List<String> linked = new ArrayList<>();
      Set<String> present = new java.util.HashSet<>();
      sub.entities().forEach(e -> present.add(e.id()));
      seeds.stream().filter(present::contains).forEach(linked::add);
      out.put("linked", linked);
      out.putAll(sub.asMap());
      MemoryOps.trace(ctx, "expand", ns, t0, Map.of("linked", linked.size(), "entities", sub.entities().size()));
      return NodeResult.of(Map.of(output, out));
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }

  static List<String> ids(Object v, Expr e) throws NodeFailure {
    if (v instanceof String s) return List.of(s);
    if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) return l.stream().map(String.class::cast).toList();
    throw new NodeFailure("expression_error", "entity `" + e.source() + "` must give an entity id or a list of ids");
  }
}
