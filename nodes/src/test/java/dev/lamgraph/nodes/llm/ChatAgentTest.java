package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An llm node reading the conversation from a messages channel and appending its answer (a chat agent). */
class ChatAgentTest {
  final MockLlm server = ToolLoopTest.newServer();
  final Harness h = new Harness(Map.of("URL", server.url("/v1")));

  static String workflow(String node) {
    return "name: chat\nmodels: { default: { provider: openai, model: m, base_url: \"${env:URL}\" } }\n"
        + "tools: { lookup_order: {} }\n"
        + "state:\n  messages: { type: messages }\nnodes:\n  agent: " + node + "\n"
        + "edges:\n  - { from: START, to: agent }\n  - { from: agent, to: END }\n";
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> msgs(RunResult r) {
    return (List<Map<String, Object>>) r.state().get("messages");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theConversationIsSentAndTheAnswerAppendedAsAnAiMessage() throws Exception {
    server.json(MockLlm.openAiText("Paris.", 5, 2));
    RunResult r = h.run(h.compile(workflow("{ type: llm, system: Be brief., messages: messages, output: messages }")),
        Map.of("messages", List.of(Map.of("role", "user", "content", "Capital of France?"),
            Map.of("role", "assistant", "content", "Which France?"), Map.of("type", "human", "content", "The country."))));

    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    List<Object> sent = Json.readList(Json.write(server.take().json().get("messages")));
    assertThat(sent).containsExactly(Map.of("role", "system", "content", "Be brief."),
        Map.of("role", "user", "content", "Capital of France?"), Map.of("role", "assistant", "content", "Which France?"),
        Map.of("role", "user", "content", "The country."));
    List<Map<String, Object>> msgs = msgs(r);
    assertThat(msgs).hasSize(4);
    assertThat(msgs.get(3)).containsEntry("type", "ai").containsEntry("content", "Paris.").containsKey("id");
  }

  @Test
  void toolRoundsAreAppendedAsAiAndToolMessagesBeforeTheAnswer() throws Exception {
    server.json(MockLlm.openAiTools("lookup_order", "{\"id\":\"A-7\"}")).json(MockLlm.openAiText("It shipped.", 9, 3));
    RunResult r = h.run(h.compile(workflow("{ type: llm, messages: messages, output: messages, tools: [lookup_order] }")),
        Map.of("messages", List.of("Where is A-7?")));

    List<Map<String, Object>> msgs = msgs(r);
    assertThat(msgs).extracting(m -> m.get("type")).containsExactly("human", "ai", "tool", "ai");
    Map<String, Object> call = map(((List<?>) msgs.get(1).get("tool_calls")).get(0));
    assertThat(call).containsEntry("id", "call_1").containsEntry("name", "lookup_order").containsEntry("args", Map.of("id", "A-7"));
    assertThat(msgs.get(2)).containsEntry("tool_call_id", "call_1").containsEntry("name", "lookup_order");
    assertThat(msgs.get(3)).containsEntry("content", "It shipped.");
    server.take();
    List<?> second = (List<?>) server.take().json().get("messages");
    assertThat(second).hasSize(3); // the question, the call, its result
  }

  @Test
  void aPromptIsSentAfterTheConversationAndNotWrittenToIt() throws Exception {
    server.json(MockLlm.openAiText("Summary.", 5, 2));
    RunResult r = h.run(h.compile(workflow("{ type: llm, messages: messages, prompt: Summarize the above., output: messages }")),
        Map.of("messages", List.of("one", "two")));
    List<?> sent = (List<?>) server.take().json().get("messages");
    assertThat(((Map<?, ?>) sent.get(2)).get("content")).isEqualTo("Summarize the above.");
    assertThat((List<?>) r.state().get("messages")).hasSize(3);
  }

  @Test
  void anLlmNeedsAPromptOrAConversationAndAMessagesOutputTakesNoSchema() {
    assertThatThrownBy(() -> h.compile(workflow("{ type: llm, output: messages }"))).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("error[MISSING_FIELD]: node 'agent' has neither prompt: nor messages:");
    assertThatThrownBy(() -> h.compile(workflow("{ type: llm, messages: mesages, output: messages }")))
        .hasMessageContaining("error[UNKNOWN_CHANNEL]: node 'agent' messages: unknown channel 'mesages'; did you mean 'messages'?");
    assertThatThrownBy(() -> h.compile(workflow("{ type: llm, prompt: hi, output: messages, output_schema: { type: object } }")))
        .hasMessageContaining("error[OUTPUT_CHANNEL]: node 'agent' has an output_schema but writes to messages channel 'messages'");
  }
}
