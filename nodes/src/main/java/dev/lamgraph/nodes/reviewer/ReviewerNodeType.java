package dev.lamgraph.nodes.reviewer;

import com.networknt.schema.Schema;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Spelling;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.llm.Attachments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: reviewer}: judges the state and writes a verdict {@code {approve, score, feedback,
 * revisions, exhausted}} that conditional edges route on (approve → continue; otherwise back to
 * the planner with the feedback, until {@code max_revisions} is reached and {@code exhausted} is
 * true). Strategy {@code rules}: CEL assertions, JSON Schema checks of state keys and the citation
 * rule ({@link CitationCheck}); strategy
 * {@code llm}: a model grades against a rubric.
 *
 * <pre>{@code
 * review:
 *   type: reviewer
 *   strategy: rules
 *   output: verdict
 *   max_revisions: 2
 *   rules:
 *     - { assert: "state.invoice.total == state.invoice.sum_of_lines", message: "total does not match the lines" }
 *   schemas:
 *     invoice: { type: object, required: [vendor, total] }
 *   citations: { answer: "state.answer", sources: "state.sources" }   # every claim cites a recalled chunk [n]
 * }</pre>
 */
public final class ReviewerNodeType implements NodeType {
  /** The verdict written to {@code output}: {approve, score, feedback, revisions, exhausted}. */
  static final OutputShape VERDICT = new OutputShape("output", "Verdict", Map.of("type", "object", "properties", Map.of(
      "approve", Map.of("type", "boolean"), "score", Map.of("type", "number"),
      "feedback", Map.of("type", "array", "items", Map.of("type", "string")),
      "revisions", Map.of("type", "integer"), "exhausted", Map.of("type", "boolean"))));

  @Override
  public List<OutputShape> outputShapes() {
    return List.of(VERDICT);
  }

  @Override
  public String name() {
    return "reviewer";
  }

  @Override
  public String summary() {
    return "Judges a result (CEL rules and JSON Schema checks, or a model with a rubric) and writes a verdict "
        + "{approve, score, feedback} that edges route on, with a revision limit.";
  }

  @Override
  public String configSchema() {
    return """
        {"type":"object","additionalProperties":false,"required":["strategy","output"],"properties":{
          "strategy":{"enum":["rules","llm"]},
          "output":{"type":"string","description":"object channel receiving the verdict"},
          "max_revisions":{"type":"integer","minimum":0,"description":"rejections allowed before exhausted=true (default 3)"},
          "rules":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["assert"],
            "properties":{"assert":{"type":"string","description":"CEL condition that must hold"},
                          "message":{"type":"string","description":"feedback when it does not"}}}},
          "schemas":{"type":"object","additionalProperties":{"type":"object"},"description":"state key -> JSON Schema"},
          "citations":{"type":"object","additionalProperties":false,"required":["answer","sources"],
            "description":"strategy rules only (REVIEWER_STRATEGY_FIELD with llm): every claim (sentence, line or list item) of the answer must cite a recalled chunk with [n] markers",
            "properties":{"answer":{"type":"string","description":"CEL expression giving the answer text"},
                          "sources":{"type":"string","description":"CEL expression giving the recalled citations (a memory recall's citations: list; [n] refers to their n)"},
                          "message":{"type":"string","description":"feedback line added before the uncited claims"}}},
          "model":{"type":"string"},"rubric":{"type":"string"},"subject":{"type":"string"},
          "pass_score":{"type":"number","minimum":0,"maximum":1},
          %s}}""".formatted(Attachments.SCHEMA);
  }

  @Override
  public String example() {
    return "review: { type: reviewer, strategy: rules, output: verdict, rules: [ { assert: \"state.total > 0\", "
        + "message: \"total must be positive\" } ] }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    YNode.YMap c = spec.config();
    String output = c.string("output").orElse("");
    Optional<ChannelSpec> out = ctx.outputChannel(spec, "output", ValueType.OBJECT);
    if (out.isEmpty()) return Optional.empty();
    if (out.get().reducer() == ReducerKind.APPEND) { // it reads its previous verdict (the revision count) back
      ctx.problems().error(Codes.OUTPUT_CHANNEL, c.valuePos("output"), "node '" + spec.name() + "' output: channel '" + output
          + "' has reducer append, but a reviewer reads its previous verdict from it; use an object channel");
      return Optional.empty();
    }
    int maxRevisions = c.get("max_revisions").map(YNode::plain).filter(Number.class::isInstance)
        .map(v -> ((Number) v).intValue()).orElse(3);
    if ("llm".equals(c.string("strategy").orElse(""))) {
      // The strategies are exclusive: the llm verdict is the model's alone, so deterministic checks given here would never run.
      boolean mixed = false;
      for (String f : List.of("rules", "schemas", "citations")) {
        if (c.get(f).isPresent()) {
          ctx.problems().error(NodesCodes.REVIEWER_STRATEGY_FIELD, c.keyPos(f), "reviewer '" + spec.name() + "' has strategy llm, which "
              + "ignores '" + f + "' (only strategy rules checks it); put it on a second reviewer with strategy: rules");
          mixed = true;
        }
      }
      Optional<Node> llm = ReviewerLlm.create(spec, ctx, output, maxRevisions);
      return mixed ? Optional.empty() : llm;
    }
    List<ReviewerNodes.Rule> rules = new ArrayList<>();
    boolean ok = true;
    if (c.get("rules").orElse(null) instanceof YNode.YList l) {
      for (YNode r : l.items()) {
        YNode.YMap m = (YNode.YMap) r;
        String src = m.string("assert").orElse("");
        Optional<Expr> e = ctx.expression(src, m.valuePos("assert"), "reviewer '" + spec.name() + "' rule");
        if (e.isEmpty()) {
          ok = false;
          continue;
        }
        rules.add(new ReviewerNodes.Rule(e.get(), m.string("message").orElse("rule failed: " + src)));
      }
    }
    Map<String, Schema> schemas = new LinkedHashMap<>();
    if (c.get("schemas").orElse(null) instanceof YNode.YMap sm) {
      for (var e : sm.entries().values()) {
        if (!ctx.channels().containsKey(e.key())) {
          ctx.problems().error(Codes.UNKNOWN_CHANNEL, e.keyPos(), "reviewer '" + spec.name() + "' checks unknown channel '"
              + e.key() + "'; declared: " + String.join(", ", ctx.channels().keySet()) + Spelling.didYouMean(e.key(), ctx.channels().keySet()));
          ok = false;
          continue;
        }
        schemas.put(e.key(), SchemaCheck.compile(e.value().json().toString()));
      }
    }
    ReviewerNodes.Citations citations = null;
    if (c.get("citations").orElse(null) instanceof YNode.YMap cm) {
      Optional<Expr> answer = ctx.expression(cm.string("answer").orElse(""), cm.valuePos("answer"), "reviewer '" + spec.name() + "' citations answer");
      Optional<Expr> sources = ctx.expression(cm.string("sources").orElse(""), cm.valuePos("sources"), "reviewer '" + spec.name() + "' citations sources");
      if (answer.isPresent() && sources.isPresent()) citations = new ReviewerNodes.Citations(answer.get(), sources.get(), cm.string("message").orElse(null));
      else ok = false;
    }
    if (rules.isEmpty() && schemas.isEmpty() && citations == null && ok) {
      ctx.problems().error(Codes.MISSING_FIELD, c.pos(), "reviewer '" + spec.name() + "' (rules) needs 'rules', 'schemas' or 'citations'");
      return Optional.empty();
    }
    return ok ? Optional.of(new ReviewerNodes.Rules(rules, schemas, citations, output, maxRevisions)) : Optional.empty();
  }
}
