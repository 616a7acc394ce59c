package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.visualizer.GraphView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A served workflow as LangGraph's system assistant (id = uuid5 of the graph name, {@code
 * metadata.created_by = "system"}), its graph ({@code nodes}/{@code edges} with {@code __start__}
 * and {@code __end__}) and its schemas (JSON Schemas of the channels).
 */
public final class AssistantJson {
  private AssistantJson() {}

  public static Map<String, Object> assistant(ServedWorkflow w) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("assistant_id", Ids.assistantId(w.name()));
    a.put("graph_id", w.name());
    a.put("config", Map.of());
    a.put("context", Map.of());
    a.put("created_at", w.loaded().toString());
    a.put("updated_at", w.loaded().toString());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("created_by", "system");
    meta.put("file", w.file().toString());
    meta.put("compiles", w.current());
    if (!w.diagnostics().isEmpty()) meta.put("diagnostics", diagnostics(w.diagnostics()));
    a.put("metadata", meta);
    a.put("version", Math.max(1, w.version()));
    a.put("name", w.name());
    a.put("description", w.graph() == null ? null : w.graph().spec().description());
    return a;
  }

  public static List<Map<String, Object>> diagnostics(List<Diagnostic> diags) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Diagnostic d : diags) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", d.severity().name().toLowerCase());
      m.put("code", d.code());
      m.put("file", d.pos().file());
      m.put("line", d.pos().line());
      m.put("col", d.pos().col());
      m.put("message", d.message());
      out.add(m);
    }
    return out;
  }

  /** LangGraph's drawable graph: {@code {nodes: [{id, type, data}], edges: [{source, target, conditional}]}}. */
  public static Map<String, Object> graph(CompiledGraph g) {
    GraphView v = GraphView.of(g);
    List<Map<String, Object>> nodes = new ArrayList<>();
    List<GraphView.Node> all = new ArrayList<>();
    all.add(new GraphView.Node(GraphView.START, "start"));
    all.addAll(v.nodes());
    all.add(new GraphView.Node(GraphView.END, "end"));
    for (GraphView.Node n : all) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id(n.name()));
      m.put("type", n.name().equals(GraphView.START) || n.name().equals(GraphView.END) ? "schema" : "runnable");
      m.put("data", Map.of("id", List.of("lamgraph", n.kind()), "name", id(n.name())));
      nodes.add(m);
    }
    List<Map<String, Object>> edges = new ArrayList<>();
    for (GraphView.Edge e : v.edges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", id(e.from()));
      m.put("target", id(e.to()));
      if (e.kind() != GraphView.EdgeKind.STATIC && e.kind() != GraphView.EdgeKind.JOIN) m.put("conditional", true);
      if (e.label() != null && !e.label().isEmpty()) m.put("data", e.label());
      edges.add(m);
    }
    return Map.of("nodes", nodes, "edges", edges);
  }

  /** LangGraph's names for the ends of a graph. */
  public static String id(String node) {
    if (node.equals(GraphView.START)) return "__start__";
    if (node.equals(GraphView.END)) return "__end__";
    return node;
  }

  /** {@code {graph_id, input_schema, output_schema, state_schema, config_schema, context_schema}}. */
  public static Map<String, Object> schemas(ServedWorkflow w) {
    return schemas(w.name(), w.graph(), w.name());
  }

  /**
   * A workflow's subgraphs as LangGraph's {@code /assistants/{id}/subgraphs} answers: {@code
   * {NAMESPACE: schemas}}, a namespace being a subgraph node's name ({@code OUTER|INNER} within
   * another subgraph), the schemas those of {@link #schemas} for the child workflow (with the
   * assistant's {@code graph_id}). {@code namespace} (null: all) keeps that one subgraph;
   * {@code recurse} adds the subgraphs of subgraphs.
   */
  public static Map<String, Object> subgraphs(String graphId, CompiledGraph g, String namespace, boolean recurse) {
    Map<String, Object> out = new LinkedHashMap<>();
    subgraphs(graphId, g, "", namespace, recurse, out);
    return out;
  }

  private static void subgraphs(String graphId, CompiledGraph g, String prefix, String namespace, boolean recurse,
      Map<String, Object> out) {
    for (var n : g.nodes().values()) {
      if (!(n.body() instanceof dev.lamgraph.engine.compile.SubgraphBody sub)) continue;
      String ns = prefix + n.name();
      if (namespace != null) {
        if (ns.equals(namespace)) out.put(ns, schemas(graphId, sub.child(), sub.child().name()));
        else if (namespace.startsWith(ns + "|")) subgraphs(graphId, sub.child(), ns + "|", namespace, recurse, out);
        continue;
      }
      out.put(ns, schemas(graphId, sub.child(), sub.child().name()));
      if (recurse) subgraphs(graphId, sub.child(), ns + "|", null, true, out);
    }
  }

  private static Map<String, Object> schemas(String graphId, CompiledGraph g, String title) {
    Map<String, Object> state = stateSchema(g, title);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("graph_id", graphId);
    s.put("input_schema", state);
    s.put("output_schema", state);
    s.put("state_schema", state);
    s.put("config_schema", Map.of("type", "object", "properties", Map.of()));
    s.put("context_schema", Map.of("type", "object", "properties", Map.of()));
    return s;
  }

  /** The channels as a JSON Schema object (no channel is required: each has a default or starts empty). */
  public static Map<String, Object> stateSchema(CompiledGraph g, String title) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (Channel c : g.channels().values()) {
      Map<String, Object> p = new LinkedHashMap<>(typeSchema(c.type().yamlName(), c.spec().items() == null ? null : c.spec().items().yamlName()));
      if (c.spec().description() != null) p.put("description", c.spec().description());
      if (c.spec().hasDefault() && c.spec().defaultValue() != null) p.put("default", c.spec().defaultValue());
      p.put("x-lamgraph-reducer", c.reducer().name().toLowerCase());
      props.put(c.name(), p);
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("title", title);
    s.put("type", "object");
    s.put("properties", props);
    return s;
  }

  private static Map<String, Object> typeSchema(String type, String items) {
    return switch (type) {
      case "string", "integer", "number", "boolean", "object" -> Map.of("type", type);
      case "list" -> items == null || items.equals("any") ? Map.of("type", "array")
          : Map.of("type", "array", "items", typeSchema(items, null));
      case "messages" -> Map.of("type", "array", "items", Map.of("type", "object"));
      default -> Map.of();
    };
  }
}
