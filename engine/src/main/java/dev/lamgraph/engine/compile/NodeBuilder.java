package dev.lamgraph.engine.compile;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CommonKeys;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
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

  private final Compiler compiler;

  NodeBuilder(Compiler compiler, WorkflowSpec spec, NodeTypes types, CelEnv cel, Path baseDir, Problems problems) {
    this.compiler = compiler;
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
        problems.error(Codes.RESERVED_NODE_NAME, n.pos(), "'" + n.name() + "' is reserved for the graph's entry/exit; rename the node");
        continue;
      }
      if (n.onError() != null && !spec.nodes().containsKey(n.onError())) {
        problems.error(Codes.UNKNOWN_NODE, n.config().valuePos("on_error"), "on_error of node '" + n.name()
            + "' names unknown node '" + n.onError() + "'; known: " + String.join(", ", spec.nodes().keySet())
            + Spelling.didYouMean(n.onError(), spec.nodes().keySet()));
      }
      build(n).ifPresent(c -> out.put(n.name(), c));
    }
    return out;
  }

  /** Resolves the node's type, checks its config and builds it (also the inline node of a map). */
  Optional<CompiledNode> build(NodeSpec n) {
    if (n.type() == null) return Optional.empty(); // missing or not a string: the schema check reported it
    Optional<NodeType> type = types.get(n.type());
    if (type.isEmpty()) {
      problems.error(Codes.UNKNOWN_NODE_TYPE, n.config().valuePos("type"), "node '" + n.name() + "' has unknown type '"
          + n.type() + "'; known: " + String.join(", ", types.all().keySet()));
      return Optional.empty();
    }
    NodeType t = type.get();
    if (!checkConfig(n, t)) return Optional.empty();
    Optional<NodeBody> body = t instanceof ControlNodeType c ? c.body(n, this) : t.create(n, this).map(NodeBody.Task::new);
    return body.map(x -> new CompiledNode(n, t, x));
  }

  /** The compiler of this workflow (subgraphs compile their files with it). */
  Compiler compiler() {
    return compiler;
  }

  private boolean checkConfig(NodeSpec n, NodeType type) {
    Map<String, YNode.Entry> own = new LinkedHashMap<>();
    n.config().entries().forEach((k, e) -> {
      if (!CommonKeys.ALL.contains(k)) own.put(k, e);
    });
    Schema schema = SCHEMAS.computeIfAbsent(type.name() + "\n" + type.configSchema(), k -> SchemaCheck.compile(type.configSchema()));
    Problems local = new Problems();
    SchemaCheck.check(schema, new YNode.YMap(own, n.config().pos()), "node '" + n.name() + "' (type " + type.name() + ")",
        CommonKeys.ALL, local);
    local.list().forEach(problems::add);
    return !local.hasErrors();
  }

  private final Map<String, Object> resources = new LinkedHashMap<>();

  /** Checks and compiles plugin sections (in their order), before the nodes that use them. */
  void buildSections(SectionTypes types) {
    for (SectionType t : types.ordered()) {
      YNode section = spec.sections().get(t.name());
      if (section != null) {
        Schema schema = SCHEMAS.computeIfAbsent("section:" + t.name() + "\n" + t.schema(), k -> SchemaCheck.compile(t.schema()));
        Problems local = new Problems();
        SchemaCheck.check(schema, section, "section '" + t.name() + "'", local);
        local.list().forEach(problems::add);
        if (local.hasErrors()) continue;
      }
      try {
        t.compile(section, this).ifPresent(r -> resources.put(t.name(), r));
      } catch (RuntimeException e) {
        problems.error(Codes.SECTION_ERROR, section == null ? new Pos(spec.file(), 1, 1) : section.pos(),
            "section '" + t.name() + "' could not be prepared: " + e.getMessage());
      }
    }
  }

  Map<String, Object> resources() {
    return resources;
  }

  void closeResources() {
    CompiledGraph.closeAll(resources.values());
  }

  @Override
  public <T> Optional<T> section(String name, Class<T> type) {
    Object r = resources.get(name);
    return type.isInstance(r) ? Optional.of(type.cast(r)) : Optional.empty();
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
  public Map<String, String> env() {
    return compiler.env();
  }

  @Override
  public boolean envOptional() {
    return compiler.isEnvOptional();
  }

  @Override
  public Redactor redactor() {
    return compiler.redactor();
  }

  @Override
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public Optional<Expr> expression(String source, Pos pos, String what) {
    try {
      return Optional.of(cel.compile(source).at(pos));
    } catch (ExprException e) {
      problems.error(e.outputField() ? Codes.OUTPUT_FIELD : Codes.EXPR_COMPILE, exprPos(pos, e), what + ": `" + source + "` does not compile: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The position of the error inside the expression, in the file: exact for one-line plain or
   * quoted scalars (escapes aside) and for literal block scalars ({@code |}); else the scalar's.
   */
  private Pos exprPos(Pos scalar, ExprException e) {
    String[] lines = spec.source() == null ? new String[0] : spec.source().split("\n", -1);
    if (scalar.line() <= 0 || scalar.line() > lines.length) return scalar;
    String l = lines[scalar.line() - 1];
    int i = scalar.col() - 1;
    char c = i >= 0 && i < l.length() ? l.charAt(i) : ' ';
    if (c == '|' && scalar.line() + e.line() <= lines.length) {
      String first = lines[scalar.line()]; // the block's indentation is that of its first line
      int indent = first.length() - first.stripLeading().length();
      return new Pos(scalar.file(), scalar.line() + e.line(), indent + e.col());
    }
    if (e.line() > 1 || c == '>') return scalar;
    int quote = c == '"' || c == '\'' ? 1 : 0;
    return new Pos(scalar.file(), scalar.line(), scalar.col() + quote + Math.max(0, e.col() - 1));
  }
}
