package dev.lamgraph.nodes.model;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming clients of the other providers against local servers speaking their streaming
 * wire formats: Ollama's NDJSON {@code /api/chat}, Anthropic's server-sent {@code /v1/messages}
 * events and Gemini's {@code streamGenerateContent}; tokens in order, then the answer.
 */
class ProviderStreamingTest {
  final MockLlm server = OpenAiWireTest.newServer();
  final Harness h = new Harness(Map.of("OLLAMA", server.url("/"), "ANTHROPIC_API_KEY", AnthropicWireTest.KEY, "MOCK",
      server.url("/v1/"), "GEMINI_API_KEY", "gem-test-key-0123"));

  @AfterEach
  void stop() {
    server.close();
  }

  private StreamingTest.Heard run(String models) throws Exception {
    StreamingTest.Heard heard = new StreamingTest.Heard();
    RunResult r;
    try (Runs runs = new Runs(h.store, RunOptions.defaults().withRedactor(h.secrets).withListener(heard))) {
      r = runs.start(h.compile(oneNode(models, "string", "{ type: llm, prompt: 'Say hi', output: out }")), "t", Map.of());
    }
    assertThat(r.state().get("out")).isEqualTo("Hi there, friend.");
    return heard;
  }

  @Test
  void ollamaStreamsNdjsonLines() throws Exception {
    StringBuilder body = new StringBuilder();
    for (String p : List.of("Hi ", "there, ", "friend.")) {
      body.append(Json.write(Map.of("model", "llama-test", "created_at", "2024-01-01T00:00:00Z",
          "message", Map.of("role", "assistant", "content", p), "done", false))).append('\n');
    }
    body.append(Json.write(Map.of("model", "llama-test", "created_at", "2024-01-01T00:00:00Z", "message",
        Map.of("role", "assistant", "content", ""), "done", true, "done_reason", "stop", "prompt_eval_count", 9, "eval_count", 3)))
        .append('\n');
    server.sse(body.toString());
    StreamingTest.Heard heard = run("models:\n  local: { provider: ollama, model: llama-test, base_url: \"${env:OLLAMA}\" }\n");
    assertThat(heard.log).containsExactly("token:Hi ", "token:there, ", "token:friend.", "final:stop", "commit:1");
    assertThat(server.take().json()).containsEntry("stream", true);
  }

  @Test
  void anthropicStreamsServerSentEvents() throws Exception {
    StringBuilder b = new StringBuilder();
    event(b, "message_start", Map.of("type", "message_start", "message", Map.of("id", "msg_1", "type", "message", "role",
        "assistant", "model", "claude-test", "content", List.of(), "usage", Map.of("input_tokens", 12, "output_tokens", 1))));
    event(b, "content_block_start", Map.of("type", "content_block_start", "index", 0, "content_block", Map.of("type", "text",
        "text", "")));
    for (String p : List.of("Hi ", "there, ", "friend.")) {
      event(b, "content_block_delta", Map.of("type", "content_block_delta", "index", 0, "delta", Map.of("type", "text_delta",
          "text", p)));
    }
    event(b, "content_block_stop", Map.of("type", "content_block_stop", "index", 0));
    event(b, "message_delta", Map.of("type", "message_delta", "delta", Map.of("stop_reason", "end_turn"), "usage",
        Map.of("output_tokens", 3)));
    event(b, "message_stop", Map.of("type", "message_stop"));
    server.sse(b.toString());
    StreamingTest.Heard heard = run("models:\n  claude: { provider: anthropic, model: claude-test, base_url: \"${env:MOCK}\","
        + " max_tokens: 100 }\n");
    assertThat(heard.log).containsExactly("token:Hi ", "token:there, ", "token:friend.", "final:stop", "commit:1");
    assertThat(server.take().json()).containsEntry("stream", true);
  }

  @Test
  void geminiStreamsServerSentEvents() throws Exception {
    StringBuilder b = new StringBuilder();
    List<String> pieces = List.of("Hi ", "there, ", "friend.");
    for (int i = 0; i < pieces.size(); i++) {
      Map<String, Object> cand = new java.util.LinkedHashMap<>(Map.of("content", Map.of("role", "model", "parts",
          List.of(Map.of("text", pieces.get(i)))), "index", 0));
      if (i == pieces.size() - 1) cand.put("finishReason", "STOP");
      Map<String, Object> chunk = new java.util.LinkedHashMap<>(Map.of("candidates", List.of(cand), "modelVersion", "gemini-test"));
      if (i == pieces.size() - 1) chunk.put("usageMetadata", Map.of("promptTokenCount", 9, "candidatesTokenCount", 3, "totalTokenCount", 12));
      b.append("data: ").append(Json.write(chunk)).append("\r\n\r\n");
    }
    server.sse(b.toString());
    StreamingTest.Heard heard = run("models:\n  g: { provider: gemini, model: gemini-test, base_url: \"${env:MOCK}\" }\n");
    assertThat(heard.log).containsExactly("token:Hi ", "token:there, ", "token:friend.", "final:stop", "commit:1");
    assertThat(server.take().path()).isEqualTo("/v1/models/gemini-test:streamGenerateContent");
  }

  private static void event(StringBuilder b, String name, Map<String, Object> data) {
    b.append("event: ").append(name).append('\n').append("data: ").append(Json.write(data)).append("\n\n");
  }
}
