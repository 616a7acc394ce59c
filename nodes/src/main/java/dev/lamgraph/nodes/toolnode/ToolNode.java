package dev.lamgraph.nodes.toolnode;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code type: tool} node: calls one tool through the registry (validation, timeout,
 * trace) and turns the result into updates: the observation into {@code output}, {@code save}
 * expressions (or the tool's {@code gives} keys) into channels, and the plan cursor forward.
 */
final class ToolNode implements Node {
  /** What a node was compiled to; {@code tool} is null in plan mode. */
  record Config(String name, ToolRegistry registry, String tool, Map<String, Object> literals, Map<String, Expr> args,
      String plan, String cursor, ReducerKind cursorReducer, Set<String> allow, String output,
      Map<String, Expr> save, Set<String> channels, boolean failOnError) {}

  private final Config c;

  ToolNode(Config c) {
    this.c = c;
  }

  @Override
  public NodeResult run(NodeContext ctx) throws Exception {
    Map<String, Object> updates = new LinkedHashMap<>();
    ToolResult r;
    Long index = null;
    if (c.tool() != null) {
      r = c.registry().call(c.tool(), fixedArgs(ctx), ctx);
    } else {
      List<?> steps = ctx.state().get(c.plan()) instanceof List<?> l ? l : List.of();
      long i = c.cursor() == null ? 0 : ctx.state().get(c.cursor()) instanceof Number n ? n.longValue() : 0;
      if (i < 0 || i >= steps.size()) {
        r = ToolResult.failed(null, "plan_done", "plan '" + c.plan() + "' has no step " + i + " (" + steps.size() + " steps)", 0);
      } else {
        index = i;
        PlanStep step = PlanStep.parse(steps.get((int) i));
        if (step.problem() != null) r = ToolResult.failed(step.tool(), "invalid_step", "plan step " + i + ": " + step.problem(), 0);
        else if (!c.allow().isEmpty() && !c.allow().contains(step.tool())) {
          r = ToolResult.failed(step.tool(), "refused", "plan step " + i + " calls tool '" + step.tool()
              + "', which node '" + c.name() + "' does not allow; allowed: " + String.join(", ", c.allow()), 0);
        } else {
          r = c.registry().call(step.tool(), withNeeds(step, ctx), ctx);
        }
        if (c.cursor() != null) updates.put(c.cursor(), c.cursorReducer() == ReducerKind.ADD ? 1L : i + 1);
        else updates.put(c.plan(), new ArrayList<>(steps.subList(1, steps.size())));
      }
    }
    if (!r.ok() && c.failOnError()) {
      throw new NodeFailure(r.errorKind(), "tool '" + r.tool() + "' failed (" + r.errorKind() + "): " + r.error());
    }
    Map<String, Object> obs = r.observation();
    if (index != null) obs.put("step", index);
    if (c.output() != null) updates.put(c.output(), obs);
    if (r.ok()) results(ctx, r, updates);
    return NodeResult.of(updates);
  }

  private Map<String, Object> fixedArgs(NodeContext ctx) throws NodeFailure {
    Map<String, Object> args = new LinkedHashMap<>(c.literals());
    for (var e : c.args().entrySet()) {
      try {
        args.put(e.getKey(), e.getValue().eval(ctx.state(), ctx.input()));
      } catch (EvalException ex) {
        throw new NodeFailure("expression_error", "args." + e.getKey() + " `" + ex.expression() + "` failed: " + ex.getMessage());
      }
    }
    return args;
  }

  /** {@code save} expressions over the result, else the tool's {@code gives} keys that are channels. */
  private void results(NodeContext ctx, ToolResult r, Map<String, Object> updates) throws NodeFailure {
    Object value = r.value();
    if (!c.save().isEmpty()) {
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("state", ctx.state());
      vars.put("input", ctx.input());
      vars.put("result", value == null ? Map.of() : Json.read(Json.write(value)));
      for (var e : c.save().entrySet()) {
        try {
          updates.put(e.getKey(), e.getValue().eval(vars));
        } catch (EvalException ex) {
          throw new NodeFailure("expression_error", "save." + e.getKey() + " `" + ex.expression() + "` failed: " + ex.getMessage());
        }
      }
      return;
    }
    Tool tool = c.registry().get(r.tool()).orElse(null);
    if (tool == null) return;
    List<String> gives = tool.gives().stream().filter(c.channels()::contains).toList();
    for (String g : gives) {
      if (value instanceof Map<?, ?> m && m.containsKey(g)) updates.put(g, m.get(g));
      else if (tool.gives().size() == 1) updates.put(g, value);
    }
  }

  /**
   * The step's arguments, plus each key the tool {@code needs} that the step leaves out, taken
   * from state: the goal planner plans a chain of tools whose inputs only exist once earlier steps
   * have run, so their arguments are bound when the step runs.
   */
  private Map<String, Object> withNeeds(PlanStep step, NodeContext ctx) {
    var tool = c.registry().get(step.tool());
    if (tool.isEmpty() || tool.get().needs().isEmpty()) return step.args();
    Map<String, Object> args = new LinkedHashMap<>(step.args());
    for (String need : tool.get().needs()) {
      if (!args.containsKey(need) && ctx.state().get(need) != null) args.put(need, ctx.state().get(need));
      else if (!args.containsKey(need) && ctx.input().get(need) != null) args.put(need, ctx.input().get(need));
    }
    return args;
  }

  @Override
  public Set<String> writes() {
    Set<String> w = new LinkedHashSet<>();
    if (c.output() != null) w.add(c.output());
    if (c.cursor() != null) w.add(c.cursor());
    else if (c.plan() != null) w.add(c.plan());
    w.addAll(c.save().keySet());
    if (c.save().isEmpty()) {
      List<Tool> tools = c.tool() != null ? c.registry().get(c.tool()).stream().toList() : List.copyOf(c.registry().all().values());
      tools.forEach(t -> t.gives().stream().filter(c.channels()::contains).forEach(w::add));
    }
    return w;
  }
}
