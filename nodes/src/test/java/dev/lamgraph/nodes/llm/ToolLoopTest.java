package dev.lamgraph.nodes.llm;

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

/** The llm node's conversation loop: tool failures are observations, rounds are bounded, inputs render. */
class ToolLoopTest {
  final MockLlm server = newServer();
  final Harness h = new Harness(Map.of("URL", server.url("/v1")));
  final String models = "models: { default: { provider: openai, model: m, base_url: \"${env:URL}\" } }\ntools: { lookup_order: {}, fail: {} }\n";

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

  @Test
  void failingUnofferedAndMalformedCallsAreFedBackAsErrorObservations() throws Exception {
    server.json(MockLlm.openAiTools("fail", "{\"id\":\"1\"}", "delete_everything", "{}", "lookup_order", "not json", "lookup_order", "{}"))
        .json(MockLlm.openAiText("I could not look it up.", 9, 9));
    RunResult r = h.run(h.compile(oneNode(models, "string", "{ type: llm, prompt: go, output: out, tools: [lookup_order, fail] }")),
        Map.of());

    assertThat(r.state().get("out")).isEqualTo("I could not look it up.");
    server.take();
    List<?> msgs = (List<?>) server.take().json().get("messages");
    List<Object> observations = msgs.subList(2, 6).stream().map(m -> Json.read((String) ((Map<?, ?>) m).get("content"))).toList();
    assertThat(observations.stream().map(o -> (Object) ((Map<?, ?>) o).get("error_kind")).toList()).containsExactly("error", "unknown_tool", "invalid_arguments", "invalid_arguments");
    assertThat(((Map<?, ?>) observations.get(0)).get("error")).isEqualTo("the order service is down");
    assertThat(((Map<?, ?>) observations.get(1)).get("error")).isEqualTo("tool 'delete_everything' is not offered here; offered: lookup_order, fail");
    assertThat((String) ((Map<?, ?>) observations.get(3)).get("error")).contains("invalid arguments for tool 'lookup_order'").contains("id");
  }

  @Test
  void aModelThatNeverStopsCallingToolsFailsAfterMaxToolRounds() throws Exception {
    for (int i = 0; i < 2; i++) server.json(MockLlm.openAiTools("lookup_order", "{\"id\":\"A\"}"));
    RunResult r = h.run(h.compile(oneNode(models, "string",
        "{ type: llm, prompt: go, output: out, tools: [lookup_order], max_tool_rounds: 1 }")), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "tool_rounds");
    assertThat(r.message()).isEqualTo("node 'ask': model 'default' (openai m) still calls tools after 1 rounds (max_tool_rounds: 1)");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void placeholdersRenderInputStateAndJson() throws Exception {
    server.json(MockLlm.openAiText("ok", 1, 1));
    h.run(h.compile(oneNode(models, "string", "{ type: llm, system: 'Reply in {{ input.lang }}.',"
        + " prompt: 'Ticket {{ state.ticket }} / {{ [1, 2] }} / {{ size(state.ticket) }} / {{ \"{{\" }}', output: out }")), Map.of("lang", "German"));

    List<Object> msgs = Json.readList(Json.write(server.take().json().get("messages")));
    assertThat(msgs).containsExactly(Map.of("role", "system", "content", "Reply in German."),
        Map.of("role", "user", "content", "Ticket printer on fire / [1,2] / 15 / {{"));
  }

  @Test
  void aPlaceholderThatFailsAtRunTimeIsAnExpressionError() throws Exception {
    RunResult r = h.run(h.compile(oneNode(models, "string", "{ type: llm, prompt: 'in {{ input.lang }}', output: out }")), Map.of());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "expression_error");
    assertThat(r.message()).startsWith("node 'ask' prompt placeholder {{ input.lang }} failed: ");
    assertThat(server.requests()).isZero();
  }
}
