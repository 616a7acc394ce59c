package dev.lamgraph.nodes.planner;

import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.llm.Attachments;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: planner}: turns a goal into a plan, an ordered list of tool calls {@code [{tool,
 * args}]} written to the {@code output} channel, which {@code tool} nodes execute. Strategies:
 * {@code static} (steps written in YAML, args as CEL), {@code goal} (symbolic: the shortest chain
 * of tools from the state keys present to the {@code goal} keys, from the tools' needs/gives) and
 * {@code llm} (a model proposes the plan). Re-planning after a reviewer's verdict starts from the
 * current state, so work already done is not planned again.
 *
 * <pre>{@code
 * plan: { type: planner, strategy: goal, goal: [reply_draft], output: plan }
 * }</pre>
 */
public final class PlannerNodeType implements NodeType {
  /** The plan written to {@code output}: a list of steps {tool, args}. */
  static final OutputShape PLAN = new OutputShape("output", "PlanStep", Map.of("type", "array", "items", Map.of(
      "type", "object", "properties", Map.of("tool", Map.of("type", "string"), "args", Map.of("type", "object")))));

  @Override
  public List<OutputShape> outputShapes() {
    return List.of(PLAN);
  }

  @Override
  public String name() {
    return "planner";
  }

  @Override
  public String summary() {
    return "Turns a goal into a plan (ordered tool calls) in state: static steps, symbolic goal search over tools' "
        + "needs/gives, or a model's structured proposal.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["strategy","output"],"properties":{
          "strategy":{"enum":["static","goal","llm"]},
          "output":{"type":"string","description":"list channel receiving the plan [{tool, args}]"},
          "steps":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["tool"],
            "properties":{"tool":{"type":"string"},"args":{"type":"object","additionalProperties":{"type":"string"},
              "description":"argument -> CEL expression"}}}},
          "goal":{"type":"array","items":{"type":"string"},"description":"goal: state keys to produce"},
          "model":{"type":"string"},"prompt":{"type":"string"},"feedback":{"type":"string"},
          "max_attempts":{"type":"integer","minimum":1,"maximum":10},
          %s}}""".formatted(Attachments.SCHEMA);
  }

  @Override
  public String example() {
    return "plan: { type: planner, strategy: goal, goal: [reply_draft], output: plan }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    YNode.YMap c = spec.config();
    String output = c.string("output").orElse("");
    if (ctx.outputChannel(spec, "output", ValueType.LIST).isEmpty()) return Optional.empty();
    ToolRegistry tools = ctx.section("tools", ToolRegistry.class).orElse(new ToolRegistry(List.of()));
    String strategy = c.string("strategy").orElse("");
    return switch (strategy) {
      case "static" -> staticPlan(spec, ctx, tools, output);
      case "goal" -> goalPlan(spec, ctx, tools, output);
      default -> PlannerLlm.create(spec, ctx, tools, output);
    };
  }

  private Optional<Node> staticPlan(NodeSpec spec, CompileContext ctx, ToolRegistry tools, String output) {
    if (!(spec.config().get("steps").orElse(null) instanceof YNode.YList steps) || steps.items().isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, spec.config().pos(), "planner '" + spec.name() + "' (static) needs 'steps'");
      return Optional.empty();
    }
    List<StaticStep> out = new ArrayList<>();
    boolean ok = true;
    for (YNode s : steps.items()) {
      YNode.YMap m = (YNode.YMap) s;
      String tool = m.string("tool").orElse("");
      if (tools.get(tool).isEmpty()) {
        ctx.problems().error(NodesCodes.UNKNOWN_TOOL, m.valuePos("tool"), "planner '" + spec.name() + "' names unknown tool '" + tool
            + "'; known: " + String.join(", ", tools.all().keySet()) + Spelling.didYouMean(tool, tools.all().keySet()));
        ok = false;
        continue;
      }
      Map<String, Expr> args = new LinkedHashMap<>();
      if (m.get("args").orElse(null) instanceof YNode.YMap a) {
        for (var e : a.entries().values()) {
          Optional<Expr> ex = ctx.expression(String.valueOf(e.value().plain()), e.value().pos(),
              "planner '" + spec.name() + "' " + tool + "." + e.key());
          if (ex.isEmpty()) ok = false;
          else args.put(e.key(), ex.get());
        }
      }
      out.add(new StaticStep(tool, args));
    }
    return ok ? Optional.of(new PlannerNodes.Static(out, output)) : Optional.empty();
  }

  private Optional<Node> goalPlan(NodeSpec spec, CompileContext ctx, ToolRegistry tools, String output) {
    List<String> goal = new ArrayList<>();
    if (spec.config().get("goal").orElse(null) instanceof YNode.YList l) l.items().forEach(i -> goal.add(String.valueOf(i.plain())));
    if (goal.isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, spec.config().pos(), "planner '" + spec.name() + "' (goal) needs 'goal: [state keys]'");
      return Optional.empty();
    }
    Set<String> producible = new LinkedHashSet<>(ctx.channels().keySet());
    for (Tool t : tools.all().values()) producible.addAll(t.gives());
    boolean ok = true;
    for (String g : goal) {
      if (!ctx.channels().containsKey(g)) {
        ctx.problems().error(Codes.UNKNOWN_CHANNEL, spec.config().valuePos("goal"), "planner '" + spec.name() + "': goal key '" + g
            + "' is not a declared channel; declared: " + String.join(", ", ctx.channels().keySet())
            + Spelling.didYouMean(g, ctx.channels().keySet()));
        ok = false;
      }
    }
    return ok ? Optional.of(new PlannerNodes.Goal(tools, Set.copyOf(goal), output)) : Optional.empty();
  }

  /** One YAML step: a tool and CEL expressions for its arguments. */
  record StaticStep(String tool, Map<String, Expr> args) {}
}
