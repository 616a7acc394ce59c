package dev.lamgraph.nodes.planner;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runnable planners of the static and goal strategies. */
final class PlannerNodes {
  private PlannerNodes() {}

  static Map<String, Object> step(String tool, Map<String, Object> args) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("args", args);
    return m;
  }

  record Static(List<PlannerNodeType.StaticStep> steps, String output) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      List<Object> plan = new ArrayList<>();
      for (PlannerNodeType.StaticStep s : steps) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (var e : s.args().entrySet()) {
          try {
            args.put(e.getKey(), e.getValue().eval(ctx.state(), ctx.input()));
          } catch (EvalException ex) {
            throw new NodeFailure("expression_error", s.tool() + "." + e.getKey() + " `" + ex.expression() + "` failed: "
                + ex.getMessage());
          }
        }
        plan.add(step(s.tool(), args));
      }
      ctx.event("plan", Map.of("strategy", "static", "steps", plan.size()));
      return NodeResult.of(Map.of(output, plan));
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }

  /**
   * Goal strategy: keys with a non-null value in state count as known; each step's arguments are
   * left empty: the tool node fills a tool's needed keys from state when it runs the step.
   */
  record Goal(ToolRegistry tools, Set<String> goal, String output) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) throws Exception {
      Set<String> known = new LinkedHashSet<>();
      ctx.state().forEach((k, v) -> {
        if (v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof List<?> l && l.isEmpty())
            && !(v instanceof Map<?, ?> m && m.isEmpty())) known.add(k);
      });
      ctx.input().forEach((k, v) -> {
        if (v != null) known.add(k);
      });
      var plan = GoalPlanner.plan(tools.all().values(), known, goal);
      if (plan.isEmpty()) {
        throw new NodeFailure("no_plan", "no chain of tools leads from the known keys " + known + " to the goal " + goal
            + "; tools: " + describe());
      }
      List<Object> steps = new ArrayList<>();
      for (String t : plan.get()) steps.add(step(t, Map.of()));
      ctx.event("plan", Map.of("strategy", "goal", "steps", steps.size(), "tools", plan.get()));
      return NodeResult.of(Map.of(output, steps));
    }

    private String describe() {
      List<String> out = new ArrayList<>();
      tools.all().values().forEach(t -> out.add(t.name() + " (needs " + t.needs() + ", gives " + t.gives() + ")"));
      return String.join("; ", out);
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }
}
