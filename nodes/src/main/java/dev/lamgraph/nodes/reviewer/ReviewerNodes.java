package dev.lamgraph.nodes.reviewer;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules reviewer and the verdict shape shared by both strategies. */
final class ReviewerNodes {
  private ReviewerNodes() {}

  record Rule(Expr condition, String message) {}

  /**
   * A verdict; {@code revisions} counts rejections so far (read from the previous verdict), and
   * {@code exhausted} turns true once a rejection would pass {@code maxRevisions}.
   */
  static Map<String, Object> verdict(NodeContext ctx, String output, boolean approve, double score, List<String> feedback,
      int maxRevisions) {
    long previous = 0;
    if (ctx.state().get(output) instanceof Map<?, ?> v && v.get("revisions") instanceof Number n) previous = n.longValue();
    long revisions = approve ? previous : previous + 1;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("approve", approve);
    m.put("score", Math.round(score * 1000) / 1000.0);
    m.put("feedback", feedback);
    m.put("revisions", revisions);
    m.put("exhausted", !approve && revisions > maxRevisions);
    return m;
  }

  /** The citation rule: the answer's claims must cite the recalled chunks (both CEL expressions). */
  record Citations(Expr answer, Expr sources, String message) {}

  record Rules(List<Rule> rules, Map<String, Schema> schemas, Citations citations, String output, int maxRevisions) implements Node {
    @Override
    public NodeResult run(NodeContext ctx) {
      List<String> feedback = new ArrayList<>();
      int checks = rules.size() + schemas.size();
      int passed = 0;
      if (citations != null) {
        try {
          Object a = citations.answer().eval(ctx.state(), ctx.input());
          CitationCheck.Result r = CitationCheck.check(a == null ? null : String.valueOf(a), citations.sources().eval(ctx.state(), ctx.input()));
          checks += Math.max(1, r.claims());
          passed += r.cited();
          if (!r.problems().isEmpty() && citations.message() != null) feedback.add(citations.message());
          feedback.addAll(r.problems());
        } catch (EvalException e) {
          checks++;
          feedback.add("citations could not be checked: " + e.getMessage());
        }
      }
      for (Rule r : rules) {
        try {
          if (r.condition().test(ctx.state(), ctx.input())) passed++;
          else feedback.add(r.message());
        } catch (EvalException e) {
          feedback.add(r.message() + " (could not check: " + e.getMessage() + ")");
        }
      }
      for (var e : schemas.entrySet()) {
        Object v = ctx.state().get(e.getKey());
        var errors = e.getValue().validate(Json.MAPPER.valueToTree(v));
        if (errors.isEmpty()) passed++;
        else errors.forEach(err -> feedback.add(e.getKey() + ": " + err.getMessage()));
      }
      boolean approve = feedback.isEmpty();
      Map<String, Object> v = verdict(ctx, output, approve, checks == 0 ? 1.0 : passed / (double) checks, feedback, maxRevisions);
      ctx.event("review", Map.of("strategy", "rules", "approve", approve, "failed", feedback.size()));
      return NodeResult.of(Map.of(output, v));
    }

    @Override
    public Set<String> writes() {
      return Set.of(output);
    }
  }
}
