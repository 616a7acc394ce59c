package dev.lamgraph.nodes.reviewer;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.spec.NodeSpec;
import java.util.Optional;

/** The {@code llm} strategy of the reviewer: a model grades the subject against a rubric. */
final class ReviewerLlm {
  private ReviewerLlm() {}

  static Optional<Node> create(NodeSpec spec, CompileContext ctx, String output, int maxRevisions) {
    ctx.problems().error("REVIEWER_STRATEGY", spec.config().valuePos("strategy"), "reviewer '" + spec.name()
        + "': strategy 'llm' needs the models section, which this build does not have yet; use rules");
    return Optional.empty();
  }
}
