package dev.lamgraph.cli.wfeval;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.ModelException;
import dev.lamgraph.nodes.model.ModelMessage;
import dev.lamgraph.nodes.model.ModelRequest;
import dev.lamgraph.nodes.model.ModelResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An LLM judge: a model of the workflow's {@code models:} section (so {@code --record FILE} and
 * {@code LAM_REPLAY} record and replay it like the workflow's own calls) reads the input, the
 * reference (when there is one) and the output, and answers {@code {"score": 0..1, "reason"}};
 * a score of 0.5 or more passes.
 */
final class JudgeScorer implements Scorer {
  static final String SYSTEM = "You grade the output of an automated workflow. Compare the output with the reference answer "
      + "when one is given, else judge whether the output answers the input correctly and completely. Answer with a score "
      + "from 0 (wrong) to 1 (fully right) and one sentence of reason.";
  private static final Map<String, Object> SCHEMA = Map.of("type", "object", "additionalProperties", false,
      "required", List.of("score", "reason"), "properties", Map.of("score", Map.of("type", "number", "minimum", 0, "maximum", 1),
          "reason", Map.of("type", "string")));
  private final String name;
  private final Supplier<Model> model;

  /** {@code model}: asked for at the first score (a recording judge loads its file then, after the runs). */
  JudgeScorer(String name, Supplier<Model> model) {
    this.name = name;
    this.model = model;
  }

  @Override
  public String name() {
    return "judge:" + name;
  }

  @Override
  public Score score(EvalCase c, Run run) {
    String prompt = "Input: " + Json.write(c.input()) + "\n" + (c.hasReference() ? "Reference answer: " + Json.write(c.reference()) + "\n" : "")
        + "Output: " + Json.write(run.output());
    try {
      ModelResponse r = model.get().call(new ModelRequest(List.of(ModelMessage.system(SYSTEM), ModelMessage.user(prompt)), List.of(), SCHEMA), null);
      Map<String, Object> m = Json.readMap(r.text() == null ? "" : r.text());
      if (!(m.get("score") instanceof Number n)) return new Score(0.0, false, "the judge gave no score: " + r.text());
      double d = Math.max(0, Math.min(1, n.doubleValue()));
      return new Score(d, d >= 0.5, String.valueOf(m.get("reason")));
    } catch (ModelException e) {
      return new Score(0.0, false, "the judge failed (" + e.kind() + "): " + e.getMessage());
    } catch (RuntimeException e) {
      return new Score(0.0, false, "the judge's answer is not JSON: " + e.getMessage());
    }
  }
}
