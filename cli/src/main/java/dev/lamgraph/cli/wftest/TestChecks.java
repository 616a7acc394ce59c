package dev.lamgraph.cli.wftest;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.model.Models;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of a test file that need its workflow: the workflow compiles, and every node, tool,
 * model and channel a case names exists; every CEL assertion compiles against the channels.
 * Compiling the workflow starts nothing (tools start at their first call).
 */
public final class TestChecks {
  private final Compiler compiler;

  /** {@code compiler}: how workflows are compiled ({@code envOptional()}: keys are not needed to check). */
  public TestChecks(Compiler compiler) {
    this.compiler = compiler;
  }

  void check(TestSpec spec, YNode.YMap top, Problems problems) {
    Pos wfPos = top.get("workflow").map(YNode::pos).orElse(top.pos());
    if (!Files.isRegularFile(spec.workflow())) {
      problems.error(TestCodes.TEST_WORKFLOW, wfPos, "workflow " + spec.workflow() + " does not exist"
          + (top.get("workflow").isPresent() ? "" : "; name it with `workflow: FILE`"));
      return;
    }
    try (CompiledGraph g = compiler.compile(spec.workflow())) {
      View v = view(g);
      List<YNode> cases = YRead.list(top.get("cases").orElse(null));
      for (YNode c : cases) checkCase((YNode.YMap) c, v, problems);
    } catch (WorkflowException e) {
      problems.error(TestCodes.TEST_WORKFLOW, wfPos, "workflow " + spec.workflow() + " does not compile; nothing was tested");
      e.diagnostics().stream().filter(d -> d.isError()).forEach(problems::add);
    }
  }

  /** The names a case may use, and the CEL environment of assertions. */
  record View(Set<String> nodes, Set<String> tools, Set<String> models, Set<String> channels, CelEnv cel) {}

  static View view(CompiledGraph g) {
    WorkflowSpec s = g.spec();
    Set<String> tools = g.resources().get("tools") instanceof ToolRegistry r ? new TreeSet<>(r.all().keySet()) : Set.of();
    Set<String> models = g.resources().get("models") instanceof Models m ? new TreeSet<>(m.names()) : Set.of();
    return new View(new TreeSet<>(g.nodes().keySet()), tools, models, new TreeSet<>(s.state().keySet()),
        CelEnv.of(s.state().values(), Map.of(), s.limits().maxCelIterations()));
  }

  private static void checkCase(YNode.YMap c, View v, Problems problems) {
    YNode.YMap tools = YRead.map(c, "tools");
    if (tools != null) tools.entries().values().forEach(e -> name(TestCodes.TEST_UNKNOWN_TOOL, "tool", e.key(), e.keyPos(), v.tools(), problems));
    YNode.YMap models = YRead.map(c, "models");
    if (models != null) {
      models.entries().values().stream().filter(e -> !e.key().equals("replay"))
          .forEach(e -> name(TestCodes.TEST_UNKNOWN_MODEL, "model", e.key(), e.keyPos(), v.models(), problems));
    }
    YNode.YMap answers = YRead.map(c, "answers");
    if (answers != null) answers.entries().values().forEach(e -> name(TestCodes.TEST_UNKNOWN_NODE, "node", e.key(), e.keyPos(), v.nodes(), problems));
    YNode.YMap ex = YRead.map(c, "expect");
    if (ex == null) return;
    ex.get("paused_at").ifPresent(n -> name(TestCodes.TEST_UNKNOWN_NODE, "node", String.valueOf(n.plain()), n.pos(), v.nodes(), problems));
    YNode path = ex.get("path").orElse(null);
    if (path instanceof YNode.YMap pm) path = pm.get("nodes").orElse(null);
    for (YNode n : YRead.list(path)) name(TestCodes.TEST_UNKNOWN_NODE, "node", String.valueOf(n.plain()), n.pos(), v.nodes(), problems);
    YNode.YMap state = YRead.map(ex, "state");
    if (state != null) state.entries().values().forEach(e -> name(Codes.UNKNOWN_CHANNEL, "channel", e.key(), e.keyPos(), v.channels(), problems));
    for (YNode a : YRead.list(ex.get("assert").orElse(null))) {
      YNode src = a instanceof YNode.YMap am ? am.get("cel").orElseThrow() : a;
      cel(v.cel(), String.valueOf(src.plain()), src.pos(), problems);
    }
    for (YNode e : YRead.list(ex.get("events").orElse(null))) {
      YNode.YMap em = (YNode.YMap) e;
      em.get("tool").ifPresent(n -> name(TestCodes.TEST_UNKNOWN_TOOL, "tool", String.valueOf(n.plain()), n.pos(), v.tools(), problems));
      em.get("model").ifPresent(n -> name(TestCodes.TEST_UNKNOWN_MODEL, "model", String.valueOf(n.plain()), n.pos(), v.models(), problems));
      em.get("node").ifPresent(n -> name(TestCodes.TEST_UNKNOWN_NODE, "node", String.valueOf(n.plain()), n.pos(), v.nodes(), problems));
      em.get("where").ifPresent(w -> cel(EventMatch.env(v.cel()), String.valueOf(w.plain()), w.pos(), problems));
    }
  }

  private static void name(String code, String what, String name, Pos pos, Collection<String> known, Problems problems) {
    if (known.contains(name)) return;
    String close = Spelling.didYouMean(name, known);
    problems.error(code, pos, "unknown " + what + " '" + name + "'; the workflow has: "
        + (known.isEmpty() ? "(none)" : String.join(", ", known)) + close);
  }

  private static void cel(CelEnv env, String src, Pos pos, Problems problems) {
    try {
      env.compile(src);
    } catch (ExprException e) {
      problems.error(Codes.EXPR_COMPILE, pos, e.getMessage() + " (line " + e.line() + ", column " + e.col() + " of `" + src + "`)");
    }
  }
}
