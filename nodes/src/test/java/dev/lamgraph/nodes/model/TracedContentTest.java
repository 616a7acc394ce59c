package dev.lamgraph.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: model prompts and answers in the trace (recording, replay or trace_content: true), masked and capped. */
class TracedContentTest {
  static final String KEY = "sk-traced-secret-5d1f0a9e";

  @Test
  void recordingKeepsMessagesAndAnswersWithTokensAndMasksSecrets(@TempDir Path tmp) throws Exception {
    RunResult r;
    Harness h;
    try (MockLlm server = new MockLlm()) {
      TriageEndToEndTest.script(server);
      h = new Harness(Map.of("TRIAGE_BASE_URL", server.url("/v1"), "TRIAGE_API_KEY", KEY,
          ModelRecording.RECORD_ENV, tmp.resolve("rec.json").toString()));
      r = h.run(h.compileFile(TriageEndToEndTest.WORKFLOW), Map.of("ticket", "Order A-7 is late; my key is " + KEY));
    }
    List<TraceEvent> calls = h.events(r, "model_call");
    Map<String, Object> first = calls.get(0).data();
    assertThat(first).containsEntry("input_tokens", 85L).containsEntry("output_tokens", 14L);
    List<?> msgs = (List<?>) first.get("messages");
    assertThat(((Map<?, ?>) msgs.get(0)).get("role")).isEqualTo("system");
    assertThat((String) ((Map<?, ?>) msgs.get(1)).get("text")).contains("Order A-7 is late").doesNotContain(KEY);
    assertThat(((Map<?, ?>) first.get("answer")).get("text")).isEqualTo("{\"category\":\"shipping\",\"order_id\":\"A-7\"}");
    assertThat(((Map<?, ?>) calls.get(1).data().get("answer")).get("tool_calls")).isNotNull();
  }

  @Test
  void aLiveModelKeepsNoContentUnlessAskedAndLongTextsAreCut() throws Exception {
    String yaml = Files.readString(TriageEndToEndTest.WORKFLOW);
    try (MockLlm server = new MockLlm()) {
      TriageEndToEndTest.script(server);
      Harness h = new Harness(Map.of("TRIAGE_BASE_URL", server.url("/v1"), "TRIAGE_API_KEY", KEY));
      RunResult r = h.run(h.compileFile(TriageEndToEndTest.WORKFLOW), TriageEndToEndTest.INPUT);
      assertThat(h.events(r, "model_call")).allSatisfy(e -> assertThat(e.data()).doesNotContainKeys("messages", "answer"));
    }
    assertThat(TracedContent.clip("x".repeat(2500))).hasSize(2000 + "… (500 more characters)".length()).endsWith("(500 more characters)");
    assertThat(yaml).contains("models:");
  }

  @Test
  void configuredPricesGiveEachCallItsEstimatedCostAndNoPricesGiveNone() throws Exception {
    String yaml = Files.readString(TriageEndToEndTest.WORKFLOW)
        .replace("    max_tokens: 300\n", "    max_tokens: 300\n    prices: { input: 2.5, output: 10 }\n");
    assertThat(yaml).contains("prices:");
    try (MockLlm server = new MockLlm()) {
      TriageEndToEndTest.script(server);
      Harness h = new Harness(Map.of("TRIAGE_BASE_URL", server.url("/v1"), "TRIAGE_API_KEY", KEY));
      RunResult r = h.run(h.compile(yaml), TriageEndToEndTest.INPUT);
      Map<String, Object> first = h.events(r, "model_call").get(0).data();
      // 85 input tokens at $2.5 and 14 output tokens at $10 per million
      assertThat((Double) first.get("cost_usd")).isCloseTo((85 * 2.5 + 14 * 10) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    }
    try (MockLlm server = new MockLlm()) {
      TriageEndToEndTest.script(server);
      Harness h = new Harness(Map.of("TRIAGE_BASE_URL", server.url("/v1"), "TRIAGE_API_KEY", KEY));
      RunResult r = h.run(h.compileFile(TriageEndToEndTest.WORKFLOW), TriageEndToEndTest.INPUT);
      assertThat(h.events(r, "model_call")).allSatisfy(e -> assertThat(e.data()).doesNotContainKey("cost_usd"));
    }
  }
}
