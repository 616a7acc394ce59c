package dev.lamgraph.nodes.model;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** langchain4j's real Ollama client against a local server speaking /api/chat. */
class OllamaWireTest {
  final MockLlm server = OpenAiWireTest.newServer();
  final Harness h = new Harness(Map.of("OLLAMA", server.url("/")));
  final String models = "models:\n  local: { provider: ollama, model: llama-test, base_url: \"${env:OLLAMA}\", temperature: 0.2,"
      + " max_tokens: 64 }\n";

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void textAnswerNeedsNoKeyAndReportsTokens() throws Exception {
    server.json(MockLlm.ollamaText("Hello from llama", 11, 4));
    RunResult r = h.run(h.compile(oneNode(models, "string", "{ type: llm, prompt: 'Say hi about {{ state.ticket }}', output: out }")),
        Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("out")).isEqualTo("Hello from llama");
    MockLlm.Sent sent = server.take();
    assertThat(sent.path()).isEqualTo("/api/chat");
    Map<String, Object> body = sent.json();
    assertThat(body).containsEntry("model", "llama-test").containsEntry("stream", false);
    assertThat(Json.readMap(Json.write(body.get("options")))).containsEntry("temperature", 0.2).containsEntry("num_predict", 64L);
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "user", "content", "Say hi about printer on fire")));
    assertThat(h.events(r, "model_call").get(0).data()).containsEntry("provider", "ollama").containsEntry("input_tokens", 11L)
        .containsEntry("output_tokens", 4L);
  }

  @Test
  void toolCallsWithoutIdsAreExecuted() throws Exception {
    server.json(MockLlm.ollamaTool("lookup_order", Map.of("id", "B-2"))).json(MockLlm.ollamaText("B-2 shipped", 50, 3));
    RunResult r = h.run(h.compile("tools: { lookup_order: {} }\n" + oneNode(models, "string",
        "{ type: llm, prompt: 'Where is B-2?', output: out, tools: [lookup_order] }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("B-2 shipped");
    assertThat(String.valueOf(server.take().json().get("tools"))).contains("lookup_order");
    List<?> msgs = (List<?>) server.take().json().get("messages");
    assertThat(msgs).hasSize(3);
    assertThat(((Map<?, ?>) msgs.get(2)).get("role")).isEqualTo("tool");
    assertThat(String.valueOf(((Map<?, ?>) msgs.get(2)).get("content"))).contains("shipped").contains("B-2");
  }

  @Test
  void structuredOutputSendsTheSchemaAsFormat() throws Exception {
    server.json(MockLlm.ollamaText("{\"sentiment\": \"negative\", \"score\": 0.1}", 30, 12));
    RunResult r = h.run(h.compile(oneNode(models, "object", "{ type: llm, prompt: 'Rate {{ state.ticket }}', output: out,"
        + " output_schema: { type: object, required: [sentiment], properties: { sentiment: { type: string }, score: { type: number } } } }")),
        Map.of());

    assertThat(r.state().get("out")).isEqualTo(Map.of("sentiment", "negative", "score", 0.1));
    Map<?, ?> format = (Map<?, ?>) server.take().json().get("format");
    assertThat(format.get("type")).isEqualTo("object");
    assertThat(format.get("required")).isEqualTo(List.of("sentiment"));
  }
}
