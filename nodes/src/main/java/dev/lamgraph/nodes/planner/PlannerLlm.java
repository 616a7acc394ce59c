package dev.lamgraph.nodes.planner;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.nodes.tool.ToolRegistry;
import java.util.Optional;

/** The {@code llm} strategy of the planner: a model proposes the plan as structured output. */
final class PlannerLlm {
  private PlannerLlm() {}

  static Optional<Node> create(NodeSpec spec, CompileContext ctx, ToolRegistry tools, String output) {
    ctx.problems().error("PLANNER_STRATEGY", spec.config().valuePos("strategy"), "planner '" + spec.name()
        + "': strategy 'llm' needs the models section, which this build does not have yet; use static or goal");
    return Optional.empty();
  }
}
