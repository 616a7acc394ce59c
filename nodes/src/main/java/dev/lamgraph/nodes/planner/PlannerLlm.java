package dev.lamgraph.nodes.planner;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.llm.Attachments;
import dev.lamgraph.nodes.llm.StructuredAsk;
import dev.lamgraph.nodes.llm.Template;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.Models;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code llm} strategy of the planner: the model proposes {@code {"steps": [{tool, args}]}} as
 * structured output; tool names are restricted to the workflow's tools, each step's arguments are
 * validated against its tool's schema, and invalid plans are sent back with the problems. The
 * reviewer's feedback ({@code feedback: CHANNEL}) and past observations ({@code observations:
 * CHANNEL}) are added to the prompt when re-planning.
 */
final class PlannerLlm {
  private PlannerLlm() {}

  static Optional<Node> create(NodeSpec spec, CompileContext ctx, ToolRegistry tools, String output) {
    YNode.YMap c = spec.config();
    String who = "planner '" + spec.name() + "'";
    Optional<Model> model = ctx.section("models", Models.class).orElse(Models.none())
        .use(c.string("model").orElse(null), who, c.get("model").isPresent() ? c.valuePos("model") : spec.pos(), ctx.problems());
    if (c.string("prompt").isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, c.pos(), who + " (llm) needs 'prompt' (the goal, with {{ CEL }} placeholders)");
      return Optional.empty();
    }
    Optional<Template> prompt = Template.compile(c.string("prompt").get(), c.valuePos("prompt"), ctx, who + " prompt");
    if (tools.all().isEmpty()) {
      ctx.problems().error(NodesCodes.NO_TOOLS, c.pos(), who + " (llm) plans tool calls, but the workflow declares no tools: add a tools: section");
      return Optional.empty();
    }
    Optional<Attachments> attachments = Attachments.compile(c, model.orElse(null), who, ctx);
    String feedback = channel(c, "feedback", ctx, who);
    String observations = channel(c, "observations", ctx, who);
    if (model.isEmpty() || prompt.isEmpty() || attachments.isEmpty() || (c.get("feedback").isPresent() && feedback == null)
        || (c.get("observations").isPresent() && observations == null)) return Optional.empty();
    Map<String, Object> schema = planSchema(tools);
    int repairs = c.get("max_attempts").map(YNode::plain).map(n -> ((Number) n).intValue() - 1).orElse(2);
    return Optional.of(new Llm(spec.name(), model.get(), prompt.get(), tools, schema, SchemaCheck.compile(Json.write(schema)),
        output, feedback, observations, Math.max(0, repairs), attachments.get()));
  }

  private static String channel(YNode.YMap c, String key, CompileContext ctx, String who) {
    String name = c.string(key).orElse(null);
    if (name == null) return null;
    if (!ctx.channels().containsKey(name)) {
      ctx.problems().error(Codes.UNKNOWN_CHANNEL, c.valuePos(key), who + ": '" + key + "' names unknown channel '" + name
          + "'; declared: " + String.join(", ", ctx.channels().keySet()) + Spelling.didYouMean(name, ctx.channels().keySet()));
      return null;
    }
    return name;
  }

  static Map<String, Object> planSchema(ToolRegistry tools) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("type", "object");
    step.put("required", List.of("tool", "args"));
    step.put("properties", Map.of("tool", Map.of("enum", new ArrayList<>(tools.all().keySet())), "args", Map.of("type", "object")));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", "object");
    root.put("required", List.of("steps"));
    root.put("properties", Map.of("steps", Map.of("type", "array", "minItems", 1, "items", step)));
    return root;
  }

  record Llm(String name, Model model, Template prompt, ToolRegistry tools, Map<String, Object> schema, Schema validator,
      String output, String feedback, String observations, int repairs, Attachments attachments) implements Node {
    @Override
    @SuppressWarnings("unchecked")
    public NodeResult run(NodeContext ctx) throws Exception {
      StringBuilder sys = new StringBuilder("You are the planner of an agent. Turn the goal into an ordered list of tool "
          + "calls. Available tools:\n");
      for (Tool t : tools.all().values()) {
        try { // an MCP server or java class starts here, at the first run
          sys.append("- ").append(t.name()).append(": ").append(t.description()).append(" Arguments (JSON Schema): ")
              .append(StructuredAsk.stableJson(Json.read(t.parametersSchema()))).append('\n');
        } catch (IllegalStateException e) {
          throw new NodeFailure("tool_unavailable", "planner '" + name + "' cannot describe tool '" + t.name() + "': " + e.getMessage());
        }
      }
      String goal;
      try {
        goal = prompt.render(ctx.state(), ctx.input());
      } catch (EvalException e) {
        throw new NodeFailure("expression_error", "planner '" + name + "' prompt {{ " + e.expression() + " }} failed: " + e.getMessage());
      }
      StringBuilder user = new StringBuilder(goal);
      if (feedback != null && ctx.state().get(feedback) != null) {
        user.append("\n\nA reviewer rejected the previous attempt: ").append(Json.write(ctx.state().get(feedback)))
            .append("\nPlan again, taking this into account.");
      }
      if (observations != null && ctx.state().get(observations) != null) {
        user.append("\n\nObservations so far: ").append(Json.write(ctx.state().get(observations)));
      }
      Object answer = StructuredAsk.ask(model, "planner '" + name + "'", sys.toString(), user.toString(), attachments.load(ctx),
          schema, validator,
          this::checkSteps, repairs, ctx);
      List<Object> steps = new ArrayList<>();
      for (Object s : (List<Object>) ((Map<String, Object>) answer).get("steps")) {
        Map<String, Object> m = (Map<String, Object>) s;
        steps.add(PlannerNodes.step((String) m.get("tool"), (Map<String, Object>) m.get("args")));
      }
      ctx.event("plan", Map.of("strategy", "llm", "steps", steps.size()));
      return NodeResult.of(Map.of(output, steps));
    }

    @SuppressWarnings("unchecked")
    private List<String> checkSteps(Object answer) {
      List<String> problems = new ArrayList<>();
      List<Object> steps = (List<Object>) ((Map<String, Object>) answer).get("steps");
      for (int i = 0; i < steps.size(); i++) {
        Map<String, Object> s = (Map<String, Object>) steps.get(i);
        for (String p : tools.validate((String) s.get("tool"), (Map<String, Object>) s.get("args"))) {
          problems.add("step " + (i + 1) + " (" + s.get("tool") + "): " + p);
        }
      }
      return problems;
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }
}
