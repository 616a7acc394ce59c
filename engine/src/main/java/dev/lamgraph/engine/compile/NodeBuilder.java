package dev.lamgraph.engine.compile;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.check.Problems;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.load.SchemaCheck;
import dev.lamgraph.engine.load.YNode;
import dev.lamgraph.engine.node.CommonKeys;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves each node's type, checks its config against the type's schema and builds it. */
final class NodeBuilder implements CompileContext {
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private final WorkflowSpec spec;
  private final NodeTypes types;
  private final CelEnv cel;
  private final Path baseDir;
  private final Problems problems;

  NodeBuilder(WorkflowSpec spec, NodeTypes types, CelEnv cel, Path baseDir, Problems problems) {
    this.spec = spec;
    this.types = types;
    this.cel = cel;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  Map<String, CompiledNode> buildAll() {
    Map<String, CompiledNode> out = new LinkedHashMap<>();
    for (NodeSpec n : spec.nodes().values()) {
      if (n.name().equals(WorkflowSpec.START) || n.name().equals(WorkflowSpec.END)) {
        problems.error("RESERVED_NODE_NAME", n.pos(), "'" + n.name() + "' is reserved for the graph's entry/exit; rename the node");
        continue;
      }
      if (n.onError() != null && !spec.nodes().containsKey(n.onError())) {
        problems.error("UNKNOWN_NODE", n.config().valuePos("on_error"), "on_error of node '" + n.name()
            + "' names unknown node '" + n.onError() + "'; known: " + String.join(", ", spec.nodes().keySet()));
      }
      Optional<NodeType> type = types.get(n.type());
      if (type.isEmpty()) {
        problems.error("UNKNOWN_NODE_TYPE", n.config().valuePos("type"), "node '" + n.name() + "' has unknown type '"
            + n.type() + "'; known: " + String.join(", ", types.all().keySet()));
        continue;
      }
      if (!checkConfig(n, type.get())) continue;
      Optional<Node> node = type.get().create(n, this);
      node.ifPresent(x -> out.put(n.name(), new CompiledNode(n, type.get().kind(), x)));
    }
    return out;
  }

  private boolean checkConfig(NodeSpec n, NodeType type) {
    Map<String, YNode.Entry> own = new LinkedHashMap<>();
    { YNode.YMap m = n.config();
      m.entries().forEach((k, e) -> {
        if (!CommonKeys.ALL.contains(k)) own.put(k, e);
      });
    }
    Schema schema = SCHEMAS.computeIfAbsent(type.name() + "\n" + type.configSchema(), k -> SchemaCheck.compile(type.configSchema()));
    Problems local = new Problems();
    SchemaCheck.check(schema, new YNode.YMap(own, n.config().pos()), "node '" + n.name() + "' (type " + type.name() + ")", local);
    local.list().forEach(d -> problems.add(d.code().equals("UNKNOWN_FIELD")
        ? dev.lamgraph.engine.check.Diagnostic.error("UNKNOWN_FIELD", d.pos(), d.message().replace(" at top level",
            " of node '" + n.name() + "' (type " + type.name() + ")") + (d.message().contains("known: ") ? ", " : "; known: ")
            + String.join(", ", CommonKeys.ALL.stream().sorted().toList()))
        : d));
    return !local.hasErrors();
  }

  @Override
  public WorkflowSpec workflow() {
    return spec;
  }

  @Override
  public Map<String, ChannelSpec> channels() {
    return spec.state();
  }

  @Override
  public CelEnv cel() {
    return cel;
  }

  @Override
  public Problems problems() {
    return problems;
  }

  @Override
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public Optional<Expr> expression(String source, Pos pos, String what) {
    try {
      return Optional.of(cel.compile(source));
    } catch (ExprException e) {
      problems.error("EXPR_COMPILE", exprPos(pos, e), what + ": `" + source + "` does not compile: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The position of the error inside the expression, in the file (exact for one-line scalars). */
  private Pos exprPos(Pos scalar, ExprException e) {
    if (e.line() > 1 || scalar.line() <= 0) return scalar;
    String[] lines = spec.source() == null ? new String[0] : spec.source().split("\n", -1);
    int quote = 0;
    if (scalar.line() <= lines.length) {
      String l = lines[scalar.line() - 1];
      int i = scalar.col() - 1;
      if (i >= 0 && i < l.length() && (l.charAt(i) == '"' || l.charAt(i) == '\'')) quote = 1;
    }
    return new Pos(scalar.file(), scalar.line(), scalar.col() + quote + Math.max(0, e.col() - 1));
  }
}
