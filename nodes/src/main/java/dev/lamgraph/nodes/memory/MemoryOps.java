package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.util.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runnable memory operations. */
final class MemoryOps {
  private MemoryOps() {}

  static Object eval(Expr e, NodeContext ctx, String what) throws NodeFailure {
    try {
      return e.eval(ctx.state(), ctx.input());
    } catch (EvalException ex) {
      throw new NodeFailure("expression_error", what + " `" + ex.expression() + "` failed: " + ex.getMessage());
    }
  }

  static String text(Expr e, NodeContext ctx, String what) throws NodeFailure {
    Object v = eval(e, ctx, what);
    if (v == null) throw new NodeFailure("expression_error", what + " `" + e.source() + "` gave null; expected text");
    return v instanceof String s ? s : Json.write(v);
  }

  static void trace(NodeContext ctx, String op, String ns, long t0, Map<String, Object> extra) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", op);
    d.put("namespace", ns);
    d.put("duration_ms", (System.nanoTime() - t0) / 1_000_000);
    d.putAll(extra);
    ctx.event("memory_op", d);
  }

  record Store(MemorySection.MemoryResource res, String ns, Expr text, Expr id, Expr metadata) implements Node {
    @Override
    @SuppressWarnings("unchecked")
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      String t = MemoryOps.text(text, ctx, "text");
      String key = id == null ? sha(t) : MemoryOps.text(id, ctx, "id");
      Object meta = metadata == null ? Map.of() : eval(metadata, ctx, "metadata");
      if (!(meta instanceof Map<?, ?>)) throw new NodeFailure("expression_error", "metadata must be an object");
      res.memory().store(ns, key, t, (Map<String, Object>) meta);
      trace(ctx, "store", ns, t0, Map.of("id", key, "chars", t.length()));
      return NodeResult.empty();
    }
  }

  record Recall(MemorySection.MemoryResource res, String ns, Expr query, int k, double min, String output, Memory.Search search,
      Expr filter, String citations) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      String q = text(query, ctx, "query");
      Map<String, List<String>> f = Map.of();
      if (filter != null) {
        Object v = eval(filter, ctx, "filter");
        if (!(v instanceof Map<?, ?> m)) throw new NodeFailure("expression_error", "filter `" + filter.source() + "` must give an object");
        f = Filters.of(m);
      }
      List<Memory.Hit> found = res.memory().recall(ns, new Memory.Query(q, k, min, search, f));
      List<Object> hits = new ArrayList<>();
      for (Memory.Hit h : found) hits.add(h.asMap());
      trace(ctx, "recall", ns, t0, Map.of("hits", hits.size(), "search", search.name().toLowerCase(java.util.Locale.ROOT)));
      Map<String, Object> out = new LinkedHashMap<>();
      if (output != null) out.put(output, hits);
      if (citations != null) out.put(citations, DocumentOps.citations(found));
      return NodeResult.of(out);
    }

    @Override
    public Set<String> writes() {
      Set<String> w = new java.util.LinkedHashSet<>();
      if (output != null) w.add(output);
      if (citations != null) w.add(citations);
      return w;
    }
  }

  record Forget(MemorySection.MemoryResource res, String ns, Expr id) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      long t0 = System.nanoTime();
      int n = res.memory().forget(ns, id == null ? null : text(id, ctx, "id"));
      trace(ctx, "forget", ns, t0, Map.of("removed", n));
      return NodeResult.empty();
    }
  }

  /** Keeps the last {@code keep} messages; optionally writes a short extractive summary of the dropped ones. */
  record Trim(String messages, int keep, String summary) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) {
      Object v = ctx.state().get(messages);
      List<?> list = v instanceof List<?> l ? l : List.of();
      if (list.size() <= keep) return NodeResult.empty();
      List<?> dropped = list.subList(0, list.size() - keep);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put(messages, new ArrayList<>(list.subList(list.size() - keep, list.size())));
      if (summary != null) out.put(summary, summarise(ctx.state().get(summary), dropped));
      return NodeResult.of(out);
    }

    static String summarise(Object previous, List<?> dropped) {
      StringBuilder sb = new StringBuilder(previous instanceof String s && !s.isEmpty() ? s + "\n" : "");
      for (Object m : dropped) {
        String text = m instanceof Map<?, ?> mm && mm.get("content") != null
            ? (mm.get("role") == null ? "" : mm.get("role") + ": ") + mm.get("content") : String.valueOf(m);
        String first = text.split("(?<=[.!?])\\s", 2)[0];
        sb.append("- ").append(first.length() > 120 ? first.substring(0, 119) + "…" : first).append('\n');
      }
      return sb.toString().strip();
    }

    @Override
    public Set<String> writes() {
      return summary == null ? Set.of(messages) : Set.of(messages, summary);
    }
  }

  static String sha(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
