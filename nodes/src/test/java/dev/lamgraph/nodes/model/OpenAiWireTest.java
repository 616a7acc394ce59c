package dev.lamgraph.nodes.model;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** langchain4j's real OpenAI client against a local server speaking the chat-completions format. */
class OpenAiWireTest {
  static final String KEY = "sk-test-openai-0123456789";
  final MockLlm server = newServer();
  final Harness h = new Harness(Map.of("OPENAI_API_KEY", KEY, "MOCK", server.url("/v1")));

  static MockLlm newServer() {
    try {
      return new MockLlm();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String models(String extra) {
    return "models:\n  default: { provider: openai, model: gpt-test, base_url: \"${env:MOCK}\", api_key: \"${env:OPENAI_API_KEY}\","
        + " temperature: 0, max_tokens: 200, retry_backoff: 10ms" + extra + " }\n";
  }

  @Test
  void textAnswerGoesToTheOutputChannelWithTokenUsage() throws Exception {
    server.json(MockLlm.openAiText("It is a hardware issue.", 42, 6));
    RunResult r = h.run(h.compile(oneNode(models(""), "string",
        "{ type: llm, system: 'You triage tickets.', prompt: 'Ticket: {{ state.ticket }}', output: out }")), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("out")).isEqualTo("It is a hardware issue.");
    MockLlm.Sent sent = server.take();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
    Map<String, Object> body = sent.json();
    assertThat(body).containsEntry("model", "gpt-test").containsEntry("temperature", 0.0).containsEntry("max_tokens", 200L);
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "system", "content", "You triage tickets."),
        Map.of("role", "user", "content", "Ticket: printer on fire")));
    TraceEvent e = h.events(r, "model_call").get(0);
    assertThat(e.node()).isEqualTo("ask");
    assertThat(e.data()).containsEntry("provider", "openai").containsEntry("model", "gpt-test")
        .containsEntry("input_tokens", 42L).containsEntry("output_tokens", 6L).containsKey("duration_ms")
        .doesNotContainKey("error");
  }

  @Test
  void toolCallsAreExecutedAndTheirObservationsFedBack() throws Exception {
    server.json(MockLlm.openAiTools("lookup_order", "{\"id\":\"A-7\"}")).json(MockLlm.openAiText("Order A-7 has shipped.", 60, 8));
    RunResult r = h.run(h.compile("tools: { lookup_order: {} }\n" + oneNode(models(""), "string",
        "{ type: llm, prompt: 'Where is order A-7?', output: out, tools: [lookup_order] }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("Order A-7 has shipped.");
    Map<String, Object> first = server.take().json();
    List<?> tools = (List<?>) first.get("tools");
    assertThat(tools).hasSize(1);
    assertThat(String.valueOf(tools.get(0))).contains("lookup_order").contains("Looks up an order by id").contains("id");
    List<?> msgs = (List<?>) server.take().json().get("messages");
    assertThat(msgs).hasSize(3);
    Map<?, ?> toolMsg = (Map<?, ?>) msgs.get(2);
    assertThat(toolMsg.get("role")).isEqualTo("tool");
    assertThat(toolMsg.get("tool_call_id")).isEqualTo("call_1");
    assertThat(Json.read((String) toolMsg.get("content")))
        .isEqualTo(Map.of("tool", "lookup_order", "ok", true, "value", Map.of("id", "A-7", "status", "shipped")));
    assertThat(h.events(r, "tool_call")).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("tool", "lookup_order"));
    assertThat(h.events(r, "model_call")).extracting(e -> e.data().get("tool_calls")).containsExactly(1, null);
  }

  @Test
  void structuredOutputUsesJsonSchemaResponseFormatAndIsParsed() throws Exception {
    server.json(MockLlm.openAiText("{\"label\":\"hardware\",\"urgent\":true}", 50, 9));
    RunResult r = h.run(h.compile(oneNode(models(""), "object", "{ type: llm, prompt: 'Classify: {{ state.ticket }}', output: out,"
        + " output_schema: { type: object, required: [label, urgent], additionalProperties: false, properties: {"
        + " label: { enum: [hardware, billing] }, urgent: { type: boolean } } } }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo(Map.of("label", "hardware", "urgent", true));
    Map<String, Object> body = server.take().json();
    Map<?, ?> format = (Map<?, ?>) body.get("response_format");
    assertThat(format.get("type")).isEqualTo("json_schema");
    assertThat(String.valueOf(format.get("json_schema"))).contains("hardware").contains("urgent");
    assertThat(String.valueOf(body.get("messages"))).contains("Answer with only a JSON value");
  }

  @Test
  void invalidStructuredOutputIsReAskedWithTheProblem() throws Exception {
    server.json(MockLlm.openAiText("{\"label\":\"printer\"}", 50, 4)).json(MockLlm.openAiText("{\"label\":\"hardware\"}", 70, 4));
    RunResult r = h.run(h.compile(oneNode(models(""), "object", "{ type: llm, prompt: 'Classify', output: out,"
        + " output_schema: { type: object, required: [label], properties: { label: { enum: [hardware, billing] } } } }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo(Map.of("label", "hardware"));
    server.take();
    List<?> msgs = (List<?>) server.take().json().get("messages");
    assertThat(String.valueOf(msgs.get(msgs.size() - 1))).contains("Your answer is not valid").contains("enumeration");
    assertThat(h.events(r, "model_call")).hasSize(2);
  }

  @Test
  void garbageAnswersFailTheNodeWithInvalidOutputThatOnErrorCanRoute() throws Exception {
    for (int i = 0; i < 2; i++) server.json(MockLlm.openAiText("Sure! The label is hardware.", 10, 5));
    String yaml = oneNode(models(""), "object", "{ type: llm, prompt: 'Classify', output: out, max_repairs: 1, on_error: fallback,"
        + " output_schema: { type: object } }").replace("edges:", "  fallback: { type: set, set: { out: \"{'label': 'unknown'}\" } }\nedges:")
        + "  - { from: fallback, to: END }\n";
    RunResult r = h.run(h.compile(yaml), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("out")).isEqualTo(Map.of("label", "unknown"));
    Map<?, ?> err = (Map<?, ?>) r.state().get("error");
    assertThat(err.get("kind")).isEqualTo("invalid_output");
    assertThat((String) err.get("message")).startsWith("node 'ask': model 'default' (openai gpt-test) gave no valid answer in 2 tries")
        .contains("it is not JSON").contains("last answer: Sure! The label is hardware.");
  }

  @Test
  void rateLimitIsRetriedWithBackoff() throws Exception {
    server.reply(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}", 0)
        .json(MockLlm.openAiText("ok", 3, 1));
    RunResult r = h.run(h.compile(oneNode(models(""), "string", "{ type: llm, prompt: hi, output: out }")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("ok");
    assertThat(server.requests()).isEqualTo(2);
    List<TraceEvent> calls = h.events(r, "model_call");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).data()).containsEntry("error_kind", "rate_limited");
    assertThat((String) calls.get(0).data().get("error")).contains("HTTP 429").contains("Rate limit reached");
    assertThat(calls.get(1).data()).containsEntry("attempt", 2).doesNotContainKey("error");
  }

  @Test
  void serverErrorsGiveUpAfterMaxRetries() throws Exception {
    for (int i = 0; i < 2; i++) server.reply(503, "{\"error\":{\"message\":\"overloaded\"}}", 0);
    RunResult r = h.run(h.compile(oneNode(models(", max_retries: 1"), "string", "{ type: llm, prompt: hi, output: out }")), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "server_error");
    assertThat(r.message()).contains("model 'default' (openai gpt-test) at " + server.url("/v1")).contains("HTTP 503");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void aSlowServerIsATimeoutNamingTheSetting() throws Exception {
    server.reply(200, MockLlm.openAiText("late", 1, 1), 3000);
    RunResult r = h.run(h.compile(oneNode(models(", timeout: 300ms"), "string", "{ type: llm, prompt: hi, output: out }")), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "timeout");
    assertThat(r.message()).contains("no answer within 300 ms").contains("timeout:");
  }

  @Test
  void anUnreadableHttpBodyIsAClearError() throws Exception {
    server.json("<html>502 Bad Gateway</html>");
    RunResult r = h.run(h.compile(oneNode(models(""), "string", "{ type: llm, prompt: hi, output: out }")), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "bad_response");
    assertThat(r.message()).startsWith("node 'ask': model 'default' (openai gpt-test) at " + server.url("/v1") + ": no usable answer: ");
    assertThat(h.events(r, "model_call").get(0).data()).containsEntry("error_kind", "bad_response");
  }
}
