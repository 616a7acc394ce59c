package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.check.GraphChecks;
import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.load.WorkflowLoader;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.EdgeSpec;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spec to immutable executable graph. {@code compile} checks everything (channels, node configs,
 * edges, expressions, graph shape) and reports every problem at once. Compiling starts no process,
 * opens no connection and runs no user code (sections and node types defer that to a run's first
 * use); whoever obtains a graph closes it.
 *
 * <pre>{@code
 * try (CompiledGraph g = Compiler.compileFile(Path.of("graphs/agent-loop.yaml"))) { ... }
 * }</pre>
 */
public final class Compiler {
  private final NodeTypes types;
  private final dev.lamgraph.engine.node.SectionTypes sections;
  /** The workflow files whose compilation led here, outermost first (subgraphs compile nested). */
  private final List<Path> chain;

  public Compiler(NodeTypes types) {
    this(types, dev.lamgraph.engine.node.SectionTypes.defaults());
  }

  public Compiler(NodeTypes types, dev.lamgraph.engine.node.SectionTypes sections) {
    this(types, sections, List.of());
  }

  private Compiler(NodeTypes types, dev.lamgraph.engine.node.SectionTypes sections, List<Path> chain) {
    this.types = types;
    this.sections = sections;
    this.chain = List.copyOf(chain);
  }

  /** The files being compiled, outermost first, ending with the one of the current spec. */
  List<Path> chain() {
    return chain;
  }

  /**
   * Compiles a subgraph's workflow file for a parent being compiled (whose chain of files, ending
   * with the parent's own, is {@code parents}); its diagnostics go to {@code problems}.
   */
  Optional<CompiledGraph> compileChild(List<Path> parents, Path file, Problems problems) {
    Compiler nested = new Compiler(types, sections, parents);
    return WorkflowLoader.load(file, sections.all().keySet(), problems)
        .flatMap(s -> nested.compile(s, baseDir(file), problems));
  }

  public static Compiler withDefaults() {
    return new Compiler(NodeTypes.defaults());
  }

  /** Loads, checks and compiles a file; throws with every diagnostic on error. */
  public static CompiledGraph compileFile(Path file) throws WorkflowException {
    return withDefaults().compileOrThrow(file);
  }

  public CompiledGraph compileOrThrow(Path file) throws WorkflowException {
    Problems p = new Problems();
    Optional<CompiledGraph> g = WorkflowLoader.load(file, sections.all().keySet(), p).flatMap(s -> compile(s, baseDir(file), p));
    if (p.hasErrors() || g.isEmpty()) throw new WorkflowException(p.list());
    return g.get();
  }

  /** Compiles source text (e.g. the copy stored with a thread). */
  public CompiledGraph compileText(String file, String text, Path baseDir) throws WorkflowException {
    Problems p = new Problems();
    Optional<CompiledGraph> g = WorkflowLoader.parse(file, text, sections.all().keySet(), p).flatMap(s -> compile(s, baseDir, p));
    if (p.hasErrors() || g.isEmpty()) throw new WorkflowException(p.list());
    return g.get();
  }

  /**
   * Checks a file and returns every diagnostic (errors and warnings); empty means clean. The
   * graph it compiles is closed before returning (compiling starts nothing; closing releases
   * whatever a section holds).
   */
  public List<Diagnostic> check(Path file) {
    Problems p = new Problems();
    WorkflowLoader.load(file, sections.all().keySet(), p).flatMap(s -> compile(s, baseDir(file), p)).ifPresent(CompiledGraph::close);
    return p.list();
  }

  /** Checks source text (e.g. an editor buffer) and returns every diagnostic; empty means clean. */
  public List<Diagnostic> checkText(String file, String text) {
    Problems p = new Problems();
    WorkflowLoader.parse(file, text, sections.all().keySet(), p).flatMap(s -> compile(s, Path.of(".").toAbsolutePath(), p))
        .ifPresent(CompiledGraph::close);
    return p.list();
  }

  /** Compiles a spec; the graph is present only when no error was reported. */
  public Optional<CompiledGraph> compile(WorkflowSpec spec, Path baseDir, Problems problems) {
    Map<String, Channel> channels = ChannelChecks.check(spec, problems);
    // every declared channel, even one with an error, so its uses do not add "undefined field" errors
    CelEnv cel = CelEnv.of(spec.state().values(), Map.of(), spec.limits().maxCelIterations());
    NodeBuilder builder = new NodeBuilder(this, spec, types, cel, baseDir, problems);
    builder.buildSections(sections);
    Map<String, CompiledNode> nodes = builder.buildAll();
    Map<String, List<Route>> routes = routes(spec, builder, problems);
    List<Join> joins = joins(spec);
    GraphChecks.check(spec, problems);
    ParallelWrites.check(spec, channels, nodes, routes, joins, problems);
    if (problems.hasErrors()) {
      builder.closeResources();
      CompiledGraph.closeAll(nodes.values().stream().map(n -> (Object) n.body()).toList()); // subgraphs' child graphs
      return Optional.empty();
    }
    return Optional.of(new CompiledGraph(spec, channels, nodes, routes, joins, builder.resources(), cel.inputRefs()));
  }

  private static Map<String, List<Route>> routes(WorkflowSpec spec, NodeBuilder builder, Problems problems) {
    Map<String, List<Route>> routes = new LinkedHashMap<>();
    for (EdgeSpec e : spec.edges()) {
      if (e.isJoin()) continue;
      List<Route> list = routes.computeIfAbsent(e.from(), k -> new ArrayList<>());
      if (!e.conditional()) {
        list.add(new Route.Static(e.to().stream().map(EdgeSpec.Target::node).toList()));
        continue;
      }
      List<Route.Branch> branches = new ArrayList<>();
      for (EdgeSpec.Branch b : e.when()) {
        Optional<Expr> ex = builder.expression(b.condition(), b.conditionPos(), "condition of edge from '" + e.from() + "'");
        if (ex.isEmpty()) continue;
        var kind = ex.get().resultType().kind();
        if (kind != dev.cel.common.types.CelKind.BOOL && !ex.get().isDyn()) {
          problems.error("CONDITION_TYPE", b.conditionPos(), "condition `" + b.condition() + "` of edge from '"
              + e.from() + "' has type " + dev.cel.common.types.CelTypes.format(ex.get().resultType()) + "; a condition must be a bool");
          continue;
        }
        branches.add(new Route.Branch(ex.get(), b.to().node()));
      }
      list.add(new Route.Conditional(branches, e.elseTo() == null ? null : e.elseTo().node()));
    }
    return routes;
  }

  private static List<Join> joins(WorkflowSpec spec) {
    List<Join> out = new ArrayList<>();
    for (EdgeSpec e : spec.edges()) {
      if (!e.isJoin()) continue;
      List<String> from = e.join().stream().map(EdgeSpec.Target::node).distinct().toList();
      out.add(new Join(from, e.to().stream().map(EdgeSpec.Target::node).distinct().toList()));
    }
    return out;
  }

  static Path baseDir(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /** Helper for callers that hold a {@link WorkflowSpec} already. */
  public CompiledGraph compileOrThrow(WorkflowSpec spec, Path baseDir) throws WorkflowException {
    Problems p = new Problems();
    Optional<CompiledGraph> g = compile(spec, baseDir, p);
    if (p.hasErrors() || g.isEmpty()) throw new WorkflowException(p.list());
    return g.get();
  }

}
