package dev.lamgraph.visualizer;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.load.RejectedEdges;
import dev.lamgraph.engine.compile.Join;
import dev.lamgraph.engine.compile.Route;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A neutral view of a compiled workflow's graph (nodes with their kind, edges with their kind and
 * condition), independent of any executor. Exporters such as {@link MermaidWriter} read only this.
 *
 * <pre>{@code
 * GraphView view = GraphView.of(Compiler.withDefaults().compile(Path.of("graphs/agent-loop.yaml")));
 * String mermaid = new MermaidWriter().write(view);
 * }</pre>
 */
public record GraphView(String name, List<Node> nodes, List<Edge> edges) {
  public static final String START = WorkflowSpec.START;
  public static final String END = WorkflowSpec.END;

  /** A node: its name as written, and its kind (the node type's diagram family). */
  public record Node(String name, String kind) {}

  /** How an edge was declared. */
  public enum EdgeKind { STATIC, CONDITIONAL, ELSE, ERROR, /** one source of a join ({@code from: [a, b]}) */ JOIN }

  /** An edge; {@code label} is the condition for CONDITIONAL edges, else empty. */
  public record Edge(String from, String to, EdgeKind kind, String label) {}

  public GraphView {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  public static GraphView of(CompiledGraph g) {
    List<Node> nodes = new ArrayList<>();
    for (CompiledNode n : g.nodes().values()) nodes.add(new Node(n.name(), n.kind()));
    List<Edge> edges = new ArrayList<>();
    g.routes().forEach((from, routes) -> {
      for (Route r : routes) {
        if (r instanceof Route.Static s) {
          for (String t : s.targets()) edges.add(new Edge(from, t, EdgeKind.STATIC, ""));
        } else if (r instanceof Route.Conditional c) {
          for (Route.Branch b : c.branches()) {
            edges.add(new Edge(from, b.target(), EdgeKind.CONDITIONAL, label(g.nodes().get(from), b.condition().source())));
          }
          if (c.elseTarget() != null) edges.add(new Edge(from, c.elseTarget(), EdgeKind.ELSE, "else"));
        }
      }
    });
    for (Join j : g.joins()) {
      for (String s : j.from()) for (String t : j.to()) edges.add(new Edge(s, t, EdgeKind.JOIN, "join"));
    }
    for (CompiledNode n : g.nodes().values()) {
      if (n.spec().onError() != null) edges.add(new Edge(n.name(), n.spec().onError(), EdgeKind.ERROR, "on error"));
    }
    return new GraphView(g.name(), nodes, edges);
  }

  /** A conditional edge's label: its condition, or "rejected" for the branch a human node's {@code rejected:} compiled to. */
  private static String label(CompiledNode from, String condition) {
    if (from != null && "human".equals(from.spec().type())
        && RejectedEdges.isRejection(from.spec().config().string("output").orElse(null), condition)) {
      return "rejected";
    }
    return condition;
  }
}
