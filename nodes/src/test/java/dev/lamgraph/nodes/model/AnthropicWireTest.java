package dev.lamgraph.nodes.model;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** langchain4j's real Anthropic and Gemini clients against a local server speaking their formats. */
class AnthropicWireTest {
  static final String KEY = "sk-ant-test-0123456789";
  final MockLlm server = OpenAiWireTest.newServer();
  final Harness h = new Harness(Map.of("ANTHROPIC_API_KEY", KEY, "GEMINI_API_KEY", "gem-test-key-0123", "MOCK", server.url("/v1/")));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anthropicMessagesWithToolUse() throws Exception {
    server.json(MockLlm.anthropicTool("toolu_1", "lookup_order", Map.of("id", "C-3"))).json(MockLlm.anthropicText("C-3 shipped.", 80, 5));
    String models = "models:\n  claude: { provider: anthropic, model: claude-test, base_url: \"${env:MOCK}\", max_tokens: 300 }\n";
    RunResult r = h.run(h.compile("tools: { lookup_order: {} }\n" + oneNode(models, "string",
        "{ type: llm, system: 'Be brief.', prompt: 'Where is C-3?', output: out, tools: [lookup_order] }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("C-3 shipped.");
    MockLlm.Sent first = server.take();
    assertThat(first.path()).isEqualTo("/v1/messages");
    assertThat(first.header("x-api-key")).isEqualTo(KEY);
    assertThat(first.json()).containsEntry("model", "claude-test").containsEntry("max_tokens", 300L);
    assertThat(String.valueOf(first.json().get("system"))).contains("Be brief.");
    List<?> msgs = (List<?>) server.take().json().get("messages");
    assertThat(String.valueOf(msgs.get(2))).contains("tool_result").contains("toolu_1").contains("shipped");
    assertThat(h.events(r, "model_call")).extracting(e -> e.data().get("input_tokens")).containsExactly(40L, 80L);
  }

  @Test
  void anthropicStructuredOutput() throws Exception {
    server.json(MockLlm.anthropicText("{\"label\": \"bug\"}", 20, 6));
    String models = "models:\n  claude: { provider: anthropic, model: claude-test, base_url: \"${env:MOCK}\" }\n";
    RunResult r = h.run(h.compile(oneNode(models, "object", "{ type: llm, prompt: 'Classify', output: out,"
        + " output_schema: { type: object, required: [label], properties: { label: { type: string } } } }")), Map.of());

    assertThat(r.message()).isEmpty();
    assertThat(r.state().get("out")).isEqualTo(Map.of("label", "bug"));
    Map<?, ?> format = (Map<?, ?>) ((Map<?, ?>) server.take().json().get("output_config")).get("format");
    assertThat(format.get("type")).isEqualTo("json_schema");
    assertThat(((Map<?, ?>) format.get("schema")).get("required")).isEqualTo(List.of("label"));
  }

  @Test
  void geminiGenerateContent() throws Exception {
    server.json(MockLlm.geminiText("Gemini says hi", 9, 3));
    String models = "models:\n  g: { provider: gemini, model: gemini-test, base_url: \"${env:MOCK}\" }\n";
    RunResult r = h.run(h.compile(oneNode(models, "string", "{ type: llm, prompt: 'hi', output: out }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("Gemini says hi");
    MockLlm.Sent sent = server.take();
    assertThat(sent.path()).isEqualTo("/v1/models/gemini-test:generateContent");
    assertThat(h.events(r, "model_call").get(0).data()).containsEntry("provider", "gemini").containsEntry("output_tokens", 3L);
  }
}
