package dev.lamgraph.engine.compile;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelTypes;
import dev.lamgraph.engine.check.GraphChecks;
import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.load.WorkflowLoader;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.EdgeSpec;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.util.Redactor;
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
 * <p>A compiler belongs to one session: the node and section types it knows, the environment
 * variables its workflows' {@code ${env:NAME}} references and settings read, and the redactor their
 * secrets are registered with, all given by its creator. It never reads the process environment:
 * the CLI passes {@code System.getenv()}, a server one map per workflow.
 *
 * <pre>{@code
 * Redactor secrets = new Redactor();
 * Compiler compiler = Compiler.withDefaults(Map.of("OPENAI_API_KEY", key), secrets);
 * List<Diagnostic> problems = compiler.check(Path.of("graphs/agent-loop.yaml"));   // lam validate
 * try (CompiledGraph g = compiler.compile(Path.of("graphs/agent-loop.yaml"))) { ... }  // throws WorkflowException
 * }</pre>
 */
public final class Compiler {
  private final NodeTypes types;
  private final SectionTypes sections;
  private final Map<String, String> env;
  private final Redactor redactor;
  private final boolean envOptional;
  /** The workflow files whose compilation led here, outermost first (subgraphs compile nested). */
  private final List<Path> chain;

  /** These node types and the sections on the class path, no environment variables, a redactor of its own. */
  public Compiler(NodeTypes types) {
    this(types, SectionTypes.discover(Compiler.class.getClassLoader()), Map.of(), new Redactor());
  }

  /** These types, no environment variables, a redactor of its own (tests, embedding). */
  public Compiler(NodeTypes types, SectionTypes sections) {
    this(types, sections, Map.of(), new Redactor());
  }

  /**
   * These types; workflows read {@code env} (copied) and register their secrets with {@code
   * redactor}.
   */
  public Compiler(NodeTypes types, SectionTypes sections, Map<String, String> env, Redactor redactor) {
    this(types, sections, Map.copyOf(env), redactor, false, List.of());
  }

  private Compiler(NodeTypes types, SectionTypes sections, Map<String, String> env, Redactor redactor, boolean envOptional,
      List<Path> chain) {
    this.types = types;
    this.sections = sections;
    this.env = env;
    this.redactor = redactor;
    this.envOptional = envOptional;
    this.chain = List.copyOf(chain);
  }

  /**
   * This compiler for inspection ({@code lam validate}, {@code lam diagram}, {@code lam state}...):
   * a {@code ${env:NAME}} reference to a variable that is not set is a {@code MISSING_ENV} warning
   * instead of an error ({@link dev.lamgraph.engine.node.CompileContext#envOptional()}). Models
   * that need such a variable fail with kind {@code missing_env} when called; tools may hold the
   * unresolved reference, so never run a graph compiled this way.
   */
  public Compiler envOptional() {
    return new Compiler(types, sections, env, redactor, true, chain);
  }

  /** True for a compiler made by {@link #envOptional()}. */
  public boolean isEnvOptional() {
    return envOptional;
  }

  /** The environment variables the workflows compiled here see. */
  public Map<String, String> env() {
    return env;
  }

  /** The redactor the secrets of the workflows compiled here are registered with. */
  public Redactor redactor() {
    return redactor;
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
    Compiler nested = new Compiler(types, sections, env, redactor, envOptional, parents);
    return WorkflowLoader.load(file, sections.all().keySet(), problems)
        .flatMap(s -> nested.build(s, baseDir(file), problems));
  }

  /**
   * The node and section types on the class path, no environment variables (a {@code ${env:X}}
   * reference is reported missing) and a redactor of its own: for tests and tools that run nothing
   * secret. Use {@link #withDefaults(Map, Redactor)} to hand in an environment.
   */
  public static Compiler withDefaults() {
    return withDefaults(Map.of(), new Redactor());
  }

  /** The node and section types on the class path, with this environment and redactor. */
  public static Compiler withDefaults(Map<String, String> env, Redactor redactor) {
    ClassLoader loader = Compiler.class.getClassLoader();
    return new Compiler(NodeTypes.discover(loader), SectionTypes.discover(loader), env, redactor);
  }

  /** Loads, checks and compiles a file; throws with every diagnostic on error. The caller closes the graph. */
  public CompiledGraph compile(Path file) throws WorkflowException {
    Problems p = new Problems();
    return orThrow(WorkflowLoader.load(file, sections.all().keySet(), p).flatMap(s -> build(s, baseDir(file), p)), p);
  }

  /**
   * Compiles source text (e.g. the copy stored with a thread), resolving relative paths against
   * {@code baseDir}; throws with every diagnostic on error. The caller closes the graph.
   */
  public CompiledGraph compileText(String file, String text, Path baseDir) throws WorkflowException {
    Problems p = new Problems();
    return orThrow(WorkflowLoader.parse(file, text, sections.all().keySet(), p).flatMap(s -> build(s, baseDir, p)), p);
  }

  /**
   * Checks a file and returns every diagnostic (errors and warnings); empty means clean. The
   * graph it compiles is closed before returning (compiling starts nothing; closing releases
   * whatever a section holds).
   */
  public List<Diagnostic> check(Path file) {
    Problems p = new Problems();
    WorkflowLoader.load(file, sections.all().keySet(), p).flatMap(s -> build(s, baseDir(file), p)).ifPresent(CompiledGraph::close);
    return p.list();
  }

  /** Checks source text (e.g. an editor buffer) and returns every diagnostic; empty means clean. */
  public List<Diagnostic> checkText(String file, String text) {
    Problems p = new Problems();
    WorkflowLoader.parse(file, text, sections.all().keySet(), p).flatMap(s -> build(s, Path.of(".").toAbsolutePath(), p))
        .ifPresent(CompiledGraph::close);
    return p.list();
  }

  private static CompiledGraph orThrow(Optional<CompiledGraph> g, Problems p) throws WorkflowException {
    if (p.hasErrors() || g.isEmpty()) {
      g.ifPresent(CompiledGraph::close);
      throw new WorkflowException(p.list());
    }
    return g.get();
  }

  /** Compiles a spec; the graph is present only when no error was reported. */
  private Optional<CompiledGraph> build(WorkflowSpec spec, Path baseDir, Problems problems) {
    Map<String, Channel> channels = ChannelChecks.check(spec, problems);
    // every declared channel, even one with an error, so its uses do not add "undefined field" errors
    CelEnv cel = CelEnv.of(spec.state().values(), Map.of(), spec.limits().maxCelIterations(), ShapedChannels.of(spec, types));
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
    return Optional.of(new CompiledGraph(spec, channels, nodes, routes, joins, builder.resources(), redactor,
        cel.inputRefs()));
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
        if (kind != CelKind.BOOL && !ex.get().isDyn()) {
          problems.error(Codes.CONDITION_TYPE, b.conditionPos(), "condition `" + b.condition() + "` of edge from '"
              + e.from() + "' has type " + CelTypes.format(ex.get().resultType()) + "; a condition must be a bool");
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

}
