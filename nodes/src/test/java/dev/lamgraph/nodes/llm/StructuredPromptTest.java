package dev.lamgraph.nodes.llm;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression: the reviewer's and the planner's llm strategies wrote schemas built with
 * {@code Map.of} into their system messages, whose key order changes from one JVM to the next, so a
 * replay file recorded in one run missed in the next ({@code not_recorded}). The schemas in these
 * prompts are now spelled with sorted keys; the exact messages are asserted here.
 */
class StructuredPromptTest {
  static final String MODELS = "models: { default: { provider: openai, model: m, base_url: \"${env:URL}\" } }\n"
      + "tools: { lookup_order: {} }\n";
  static final String ANSWER_ONLY = "\n\nAnswer with only a JSON value (no prose, no code fences) that matches this JSON Schema: ";

  @Test
  void theReviewerPromptSpellsTheVerdictSchemaWithSortedKeys() throws Exception {
    try (MockLlm server = new MockLlm()) {
      server.json(MockLlm.openAiText("{\"approve\":true,\"score\":0.9,\"feedback\":[]}", 30, 9));
      Harness h = new Harness(Map.of("URL", server.url("/v1")));
      RunResult r = h.run(h.compile(oneNode(MODELS, "object",
          "{ type: reviewer, strategy: llm, output: out, rubric: 'Be brief.', subject: '{{ state.ticket }}' }")), Map.of());

      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("out")).isEqualTo(Map.of("approve", true, "score", 0.9, "feedback", List.of(), "revisions", 0L,
          "exhausted", false));
      List<?> msgs = (List<?>) server.take().json().get("messages");
      assertThat(((Map<?, ?>) msgs.get(0)).get("content")).isEqualTo("You are a strict reviewer. Grade the subject against the "
          + "rubric. Rubric:\nBe brief." + ANSWER_ONLY + "{\"properties\":{\"approve\":{\"type\":\"boolean\"},\"feedback\":{\"items\":"
          + "{\"type\":\"string\"},\"type\":\"array\"},\"score\":{\"maximum\":1,\"minimum\":0,\"type\":\"number\"}},\"required\":"
          + "[\"approve\",\"score\",\"feedback\"],\"type\":\"object\"}");
      assertThat(((Map<?, ?>) msgs.get(1)).get("content")).isEqualTo("Subject:\nprinter on fire");
    }
  }

  @Test
  void thePlannerPromptSpellsToolAndPlanSchemasWithSortedKeys() throws Exception {
    try (MockLlm server = new MockLlm()) {
      server.json(MockLlm.openAiText("{\"steps\":[{\"tool\":\"lookup_order\",\"args\":{\"id\":\"A-7\"}}]}", 40, 12));
      Harness h = new Harness(Map.of("URL", server.url("/v1")));
      RunResult r = h.run(h.compile(oneNode(MODELS, "list",
          "{ type: planner, strategy: llm, output: out, prompt: 'Find order A-7 ({{ state.ticket }})' }")), Map.of());

      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("out")).isEqualTo(List.of(Map.of("tool", "lookup_order", "args", Map.of("id", "A-7"))));
      List<?> msgs = (List<?>) server.take().json().get("messages");
      assertThat(((Map<?, ?>) msgs.get(0)).get("content")).isEqualTo("You are the planner of an agent. Turn the goal into an "
          + "ordered list of tool calls. Available tools:\n- lookup_order: Looks up an order by id Arguments (JSON Schema): "
          + "{\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"],\"type\":\"object\"}\n" + ANSWER_ONLY
          + "{\"properties\":{\"steps\":{\"items\":{\"properties\":{\"args\":{\"type\":\"object\"},\"tool\":{\"enum\":"
          + "[\"lookup_order\"]}},\"required\":[\"tool\",\"args\"],\"type\":\"object\"},\"minItems\":1,\"type\":\"array\"}},"
          + "\"required\":[\"steps\"],\"type\":\"object\"}");
    }
  }
}
