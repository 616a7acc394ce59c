package dev.lamgraph.nodes.reviewer;

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
import dev.lamgraph.nodes.llm.Attachments;
import dev.lamgraph.nodes.llm.StructuredAsk;
import dev.lamgraph.nodes.llm.Template;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.Models;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code llm} strategy of the reviewer: a model grades {@code subject} against {@code rubric}
 * and answers {@code {approve, score, feedback}} as structured output; the verdict approves only
 * when the model approves and the score reaches {@code pass_score} (default 0.7).
 */
final class ReviewerLlm {
  static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("approve", "score", "feedback"),
      "properties", Map.of("approve", Map.of("type", "boolean"), "score", Map.of("type", "number", "minimum", 0, "maximum", 1),
          "feedback", Map.of("type", "array", "items", Map.of("type", "string"))));
  private static final Schema VALIDATOR = SchemaCheck.compile(Json.write(SCHEMA));

  private ReviewerLlm() {}

  static Optional<Node> create(NodeSpec spec, CompileContext ctx, String output, int maxRevisions) {
    YNode.YMap c = spec.config();
    String who = "reviewer '" + spec.name() + "'";
    Optional<Model> model = ctx.section("models", Models.class).orElse(Models.none())
        .use(c.string("model").orElse(null), who, c.get("model").isPresent() ? c.valuePos("model") : spec.pos(), ctx.problems());
    if (c.string("rubric").isEmpty() || c.string("subject").isEmpty()) {
      ctx.problems().error(Codes.MISSING_FIELD, c.pos(), who + " (llm) needs 'rubric' and 'subject' (texts with {{ CEL }} placeholders)");
      return Optional.empty();
    }
    Optional<Template> rubric = Template.compile(c.string("rubric").get(), c.valuePos("rubric"), ctx, who + " rubric");
    Optional<Template> subject = Template.compile(c.string("subject").get(), c.valuePos("subject"), ctx, who + " subject");
    double pass = c.get("pass_score").map(YNode::plain).map(n -> ((Number) n).doubleValue()).orElse(0.7);
    Optional<Attachments> attachments = Attachments.compile(c, model.orElse(null), who, ctx);
    if (model.isEmpty() || rubric.isEmpty() || subject.isEmpty() || attachments.isEmpty()) return Optional.empty();
    return Optional.of(new Llm(spec.name(), model.get(), rubric.get(), subject.get(), pass, output, maxRevisions,
        attachments.get()));
  }

  record Llm(String name, Model model, Template rubric, Template subject, double pass, String output, int maxRevisions,
      Attachments attachments) implements Node {
    @Override
    @SuppressWarnings("unchecked")
    public NodeResult run(NodeContext ctx) throws Exception {
      String r;
      String s;
      try {
        r = rubric.render(ctx.state(), ctx.input());
        s = subject.render(ctx.state(), ctx.input());
      } catch (EvalException e) {
        throw new NodeFailure("expression_error", "reviewer '" + name + "' placeholder {{ " + e.expression() + " }} failed: "
            + e.getMessage());
      }
      Map<String, Object> a = (Map<String, Object>) StructuredAsk.ask(model, "reviewer '" + name + "'",
          "You are a strict reviewer. Grade the subject against the rubric. Rubric:\n" + r, "Subject:\n" + s,
          attachments.load(ctx), SCHEMA,
          VALIDATOR, v -> List.of(), 2, ctx);
      double score = ((Number) a.get("score")).doubleValue();
      boolean approve = Boolean.TRUE.equals(a.get("approve")) && score >= pass;
      Map<String, Object> v = ReviewerNodes.verdict(ctx, output, approve, score, (List<String>) a.get("feedback"), maxRevisions);
      ctx.event("review", Map.of("strategy", "llm", "approve", approve, "score", score));
      return NodeResult.of(Map.of(output, v));
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }
}
