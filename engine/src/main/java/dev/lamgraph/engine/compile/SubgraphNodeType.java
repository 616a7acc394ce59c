package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.builtin.SetNodeType;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: subgraph}: runs another workflow file (relative to this one) as a child thread.
 * {@code input} sets the child's channels from CEL over the parent's state; {@code output} sets
 * the parent's channels from CEL over the child's final state (through the parent's reducers).
 * The child is checkpointed under the parent: its thread id is {@code PARENT/NODE@STEP}, so
 * a parent step that is run again (after a crash, or a retry) resumes the same child where its
 * last committed step left it. When the child finishes, its trace events are copied into the
 * parent's trace at the subgraph's step, each node prefixed with the subgraph's name
 * ({@code research/search}) and tagged with {@code child_thread} and {@code child_step}; the
 * child's own {@code run_started} names {@code parent_thread}, {@code parent_node} and
 * {@code parent_step}. A child that pauses pauses the parent; the answer given to the parent
 * goes to the child.
 *
 * <pre>{@code
 * research:
 *   type: subgraph
 *   workflow: research.yaml
 *   input:  { question: "state.topic" }          # child channel: CEL over the parent
 *   output: { notes: "state.summary" }           # parent channel: CEL over the child
 * }</pre>
 */
public final class SubgraphNodeType implements ControlNodeType {
  @Override
  public String name() {
    return "subgraph";
  }

  @Override
  public String summary() {
    return "Runs another workflow file as a checkpointed child thread, with input/output mappings.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["workflow"],
         "properties":{
           "workflow":{"type":"string","minLength":1,"description":"workflow file, relative to this one"},
           "input":{"type":"object","additionalProperties":{"type":"string"},
             "description":"child channel -> CEL over the parent's state and input"},
           "output":{"type":"object","additionalProperties":{"type":"string"},
             "description":"parent channel -> CEL over the child's final state"}}}""";
  }

  @Override
  public String example() {
    return "research: { type: subgraph, workflow: research.yaml, input: { question: \"state.topic\" }, "
        + "output: { notes: \"state.summary\" } }";
  }

  @Override
  public Optional<NodeBody> body(NodeSpec spec, NodeBuilder b) {
    CompileContext ctx = b;
    YNode.YMap c = spec.config();
    String rel = c.string("workflow").orElse("");
    Pos at = c.valuePos("workflow");
    Path file = ctx.baseDir().resolve(rel).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      ctx.problems().error(Codes.SUBGRAPH_NOT_FOUND, at, "workflow " + rel + " of subgraph node '" + spec.name()
          + "' not found (looked for " + file + ")");
      return Optional.empty();
    }
    List<Path> parents = new ArrayList<>(b.compiler().chain());
    if (ctx.workflow().file() != null) parents.add(Path.of(ctx.workflow().file()).toAbsolutePath().normalize());
    if (parents.contains(file)) {
      List<String> loop = new ArrayList<>(parents.subList(parents.indexOf(file), parents.size()).stream()
          .map(p -> p.getFileName().toString()).toList());
      loop.add(file.getFileName().toString());
      ctx.problems().error(Codes.SUBGRAPH_CYCLE, at, "workflow " + rel + " of subgraph node '" + spec.name()
          + "' includes itself: " + String.join(" -> ", loop));
      return Optional.empty();
    }
    Problems inner = new Problems();
    Optional<CompiledGraph> child = b.compiler().compileChild(parents, file, inner);
    if (inner.hasErrors() || child.isEmpty()) {
      List<Diagnostic> errors = inner.list().stream().filter(Diagnostic::isError).toList();
      Optional<Diagnostic> cycle = errors.stream().filter(d -> d.code().equals(Codes.SUBGRAPH_CYCLE)).findFirst();
      if (cycle.isPresent()) { // the loop is the user's mistake here, whichever file closes it
        ctx.problems().error(Codes.SUBGRAPH_CYCLE, at, "workflow " + rel + " of subgraph node '" + spec.name() + "' leads "
            + "back to a workflow that runs it: " + cycle.get().message().replaceFirst("^.* includes itself: ", ""));
        return Optional.empty();
      }
      ctx.problems().error(Codes.SUBGRAPH_INVALID, at, "workflow " + rel + " of subgraph node '" + spec.name() + "' has "
          + errors.size() + " error(s): " + String.join("; ", errors.stream().limit(3).map(Diagnostic::format).toList())
          + (errors.size() > 3 ? "; ..." : ""));
      return Optional.empty();
    }
    CompiledGraph g = child.get();
    Map<String, Expr> input = mapping(spec, c, "input", g.spec().state(), ctx.channels(), ctx::expression, ctx.problems());
    // the output mapping runs in the parent's node: the parent's iteration budget applies
    CelEnv childEnv = CelEnv.of(g.spec().state().values(), Map.of(), ctx.cel().maxIterations());
    Map<String, Expr> output = mapping(spec, c, "output", ctx.channels(), g.spec().state(),
        (src, pos, what) -> compileIn(childEnv, src, pos, what, ctx.problems()), ctx.problems());
    if (input == null || output == null) {
      g.close();
      return Optional.empty();
    }
    return Optional.of(new SubgraphBody(file, g, input, output));
  }

  /** How a mapping's expressions are compiled (over the parent's or the child's state). */
  private interface Compile {
    Optional<Expr> compile(String source, Pos pos, String what);
  }

  /** {@code key} (a channel of {@code targets}) to CEL over the {@code sources} side; null when something is wrong. */
  private static Map<String, Expr> mapping(NodeSpec spec, YNode.YMap c, String key, Map<String, ChannelSpec> targets,
      Map<String, ChannelSpec> sources, Compile compile, Problems problems) {
    Map<String, Expr> out = new LinkedHashMap<>();
    boolean ok = true;
    if (!(c.get(key).orElse(null) instanceof YNode.YMap m)) return out;
    String side = key.equals("input") ? "the child workflow" : "this workflow";
    for (YNode.Entry e : m.entries().values()) {
      ChannelSpec ch = targets.get(e.key());
      if (ch == null) {
        problems.error(Codes.SUBGRAPH_MAPPING, e.keyPos(), key + " of subgraph node '" + spec.name() + "' sets unknown channel '"
            + e.key() + "' of " + side + "; declared: " + String.join(", ", targets.keySet()));
        ok = false;
        continue;
      }
      if (!(e.value().plain() instanceof String src)) continue;
      Optional<Expr> ex = compile.compile(src, e.value().pos(), "node '" + spec.name() + "' " + key + "." + e.key());
      if (ex.isEmpty()) {
        ok = false;
        continue;
      }
      String mismatch = SetNodeType.typeMismatch(ch, ex.get().resultType());
      if (mismatch != null) {
        problems.error(Codes.SET_TYPE, e.value().pos(), "node '" + spec.name() + "' " + key + "." + e.key() + " = `" + src
            + "` does not fit channel '" + e.key() + "' (" + ch.type().yamlName() + "): " + mismatch);
        ok = false;
        continue;
      }
      out.put(e.key(), ex.get());
    }
    return ok ? out : null;
  }

  private static Optional<Expr> compileIn(CelEnv env, String src, Pos pos, String what, Problems problems) {
    try {
      return Optional.of(env.compile(src).at(pos));
    } catch (ExprException e) {
      problems.error(e.outputField() ? Codes.OUTPUT_FIELD : Codes.EXPR_COMPILE, pos, what + " (over the child's state): `" + src + "` does not compile: " + e.getMessage());
      return Optional.empty();
    }
  }
}
