package dev.lamgraph.nodes.memory;

import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles the graph-memory ops of a {@code memory} node.
 *
 * <pre>{@code
 * link:   { type: memory, op: link, namespace: ops, graph: "state.extracted", output: linked }
 * around: { type: memory, op: neighbours, namespace: ops, entity: "'orders-service'", depth: 2, relations: [threw], output: context }
 * chain:  { type: memory, op: path, namespace: ops, from: "'orders-service'", to: "'INC-2041'", output: chain }
 * expand: { type: memory, op: expand, namespace: ops, hits: "state.similar", depth: 1, output: context }
 * }</pre>
 */
final class GraphConfig {
  static final Set<String> OPS = Set.of("link", "neighbours", "path", "expand");

  private GraphConfig() {}

  static Optional<Node> create(String op, NodeSpec spec, CompileContext ctx, MemorySection.MemoryResource res, String ns) {
    YNode.YMap c = spec.config();
    Set<String> types = new LinkedHashSet<>();
    if (c.get("relations").orElse(null) instanceof YNode.YList l) for (YNode i : l.items()) types.add(String.valueOf(i.plain()));
    int depth = integer(c, "depth", 1);
    if (op.equals("link")) {
      Optional<Expr> graph = expr(spec, ctx, "graph");
      String out = c.get("output").isPresent() ? output(spec, ctx) : null;
      if (graph.isEmpty() || (c.get("output").isPresent() && out == null)) return Optional.empty();
      return Optional.of(new GraphOps.Link(res, ns, graph.get(), c.string("source").orElse(null), out));
    }
    String out = output(spec, ctx);
    return switch (op) {
      case "neighbours" -> {
        Optional<Expr> entity = expr(spec, ctx, "entity");
        yield entity.isEmpty() || out == null ? Optional.empty() : Optional.of(new GraphOps.Neighbours(res, ns, entity.get(), depth, types, out));
      }
      case "path" -> {
        Optional<Expr> from = expr(spec, ctx, "from");
        Optional<Expr> to = expr(spec, ctx, "to");
        yield from.isEmpty() || to.isEmpty() || out == null ? Optional.empty()
            : Optional.of(new GraphOps.Path(res, ns, from.get(), to.get(), integer(c, "max_length", 4), types, out));
      }
      default -> {
        Optional<Expr> hits = expr(spec, ctx, "hits");
        yield hits.isEmpty() || out == null ? Optional.empty()
            : Optional.of(new GraphOps.Expand(res, ns, hits.get(), c.string("link_key").orElse("entities"), depth, types, out));
      }
    };
  }

  private static Optional<Expr> expr(NodeSpec spec, CompileContext ctx, String key) {
    YNode.YMap c = spec.config();
    if (c.string(key).isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, c.pos(), "memory node '" + spec.name() + "' (op " + c.string("op").orElse("") + ") needs '"
          + key + "'");
      return Optional.empty();
    }
    return ctx.expression(c.string(key).get(), c.valuePos(key), "memory node '" + spec.name() + "' " + key);
  }

  private static String output(NodeSpec spec, CompileContext ctx) {
    if (spec.config().get("output").isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, spec.config().pos(), "memory node '" + spec.name() + "' (op "
          + spec.config().string("op").orElse("") + ") needs 'output'");
      return null;
    }
    return ctx.outputChannel(spec, "output", ValueType.OBJECT).map(ChannelSpec::name).orElse(null);
  }

  private static int integer(YNode.YMap m, String key, int dflt) {
    return m.get(key).map(YNode::plain).filter(Number.class::isInstance).map(v -> ((Number) v).intValue()).orElse(dflt);
  }
}
