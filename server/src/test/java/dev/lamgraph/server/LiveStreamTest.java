package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live stream modes over HTTP: {@code messages-tuple} and {@code messages} carry a model's tokens
 * as they arrive (from a local OpenAI-compatible server that streams), {@code custom} what a node
 * emits; all before the step's committed {@code values}; secrets masked; not replayed on a join.
 */
class LiveStreamTest {
  static final String KEY = "sk-live-stream-key-0123456789";
  static final List<String> PIECES = List.of("Hel", "lo, ", "I stream ", "token ", "by token.");

  @TempDir Path dir;

  private TestServer server(StreamingLlm llm) throws Exception {
    Files.writeString(dir.resolve("talk.yaml"), StreamingLlm.chatWorkflow("talk"));
    Files.writeString(dir.resolve("work.yaml"), """
        name: work
        state: { done: { type: integer, default: 0 }, note: { type: string, default: "" } }
        nodes:
          p: { type: progress, steps: 3, into: done }
        edges: [ { from: START, to: p }, { from: p, to: END } ]
        """);
    return new TestServer(dir, ServerOptions.defaults(), "memory:", Map.of("LLM_URL", llm.url(), "LLM_KEY", KEY));
  }

  private static List<TestServer.Sse> stream(TestServer s, String graph, Object input, List<String> modes) {
    String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
    return s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", graph, "input", input, "stream_mode", modes),
        Map.of(), 10_000);
  }

  @Test
  @SuppressWarnings("unchecked")
  void messagesTupleCarriesEachTokenBeforeTheCommittedValues() throws Exception {
    try (StreamingLlm llm = new StreamingLlm(PIECES, 20); TestServer s = server(llm)) {
      List<TestServer.Sse> events = stream(s, "talk", Map.of("messages", List.of(Map.of("type", "human", "content", "hi"))),
          List.of("messages-tuple", "values"));
      List<String> names = events.stream().map(TestServer.Sse::event).toList();
      List<TestServer.Sse> chunks = events.stream().filter(e -> e.event().equals("messages")).toList();
      assertThat(chunks).hasSize(PIECES.size() + 1); // one per piece, then the last (empty, with finish_reason)
      assertThat(names.lastIndexOf("values")).isGreaterThan(names.lastIndexOf("messages"));
      StringBuilder text = new StringBuilder();
      for (TestServer.Sse e : chunks) {
        assertThat(e.id()).isNull();
        List<Object> tuple = (List<Object>) e.json();
        Map<String, Object> chunk = (Map<String, Object>) tuple.get(0);
        Map<String, Object> meta = (Map<String, Object>) tuple.get(1);
        assertThat(chunk).containsEntry("type", "AIMessageChunk").containsKey("id").containsKey("tool_call_chunks");
        assertThat(meta).containsEntry("langgraph_node", "answer").containsEntry("langgraph_step", 1L)
            .containsEntry("ls_provider", "openai").containsEntry("ls_model_name", "gpt-test").containsKey("run_id");
        text.append(chunk.get("content"));
      }
      Map<String, Object> last = (Map<String, Object>) ((List<Object>) chunks.get(chunks.size() - 1).json()).get(0);
      assertThat((Map<String, Object>) last.get("response_metadata")).containsEntry("finish_reason", "stop");
      assertThat((Map<String, Object>) last.get("usage_metadata")).containsEntry("output_tokens", (long) PIECES.size());
      Map<String, Object> values = (Map<String, Object>) events.get(names.lastIndexOf("values")).json();
      List<Map<String, Object>> messages = (List<Map<String, Object>>) values.get("messages");
      assertThat(messages.get(messages.size() - 1)).containsEntry("type", "ai").containsEntry("content", text.toString());
      assertThat(text.toString()).isEqualTo(String.join("", PIECES));
      assertThat(llm.streamed).containsExactly(true);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void messagesModeSendsMetadataPartialsAndTheCompleteMessage() throws Exception {
    try (StreamingLlm llm = new StreamingLlm(PIECES, 0); TestServer s = server(llm)) {
      List<TestServer.Sse> events = stream(s, "talk", Map.of("messages", List.of(Map.of("type", "human", "content", "hi"))),
          List.of("messages"));
      List<TestServer.Sse> live = events.stream().filter(e -> e.event().startsWith("messages/")).toList();
      assertThat(live.get(0).event()).isEqualTo("messages/metadata");
      assertThat(live.get(live.size() - 1).event()).isEqualTo("messages/complete");
      assertThat(live.subList(1, live.size() - 1)).extracting(TestServer.Sse::event).containsOnly("messages/partial");
      Map<String, Object> done = ((List<Map<String, Object>>) live.get(live.size() - 1).json()).get(0);
      assertThat(done).containsEntry("type", "ai").containsEntry("content", String.join("", PIECES));
      assertThat(events).extracting(TestServer.Sse::event).doesNotContain("values", "messages");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void customCarriesWhatANodeEmitsMaskedAndAJoinDoesNotReplayIt() throws Exception {
    try (StreamingLlm llm = new StreamingLlm(PIECES, 0); TestServer s = server(llm)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      List<TestServer.Sse> events = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "work",
          "input", Map.of("note", "key " + KEY), "stream_mode", List.of("custom", "updates")), Map.of(), 10_000);
      List<Object> custom = events.stream().filter(e -> e.event().equals("custom")).map(TestServer.Sse::json).toList();
      assertThat(custom).containsExactly(Map.of("done", 1L, "of", 3L, "note", "key ***"), Map.of("done", 2L, "of", 3L, "note", "key ***"),
          Map.of("done", 3L, "of", 3L, "note", "key ***"));
      assertThat(events.stream().map(TestServer.Sse::data).toList()).noneMatch(d -> d != null && d.contains(KEY));
      List<String> names = events.stream().map(TestServer.Sse::event).toList();
      assertThat(names.indexOf("updates")).isGreaterThan(names.lastIndexOf("custom"));

      String runId = (String) ((Map<String, Object>) events.get(0).json()).get("run_id");
      List<TestServer.Sse> rejoined = s.sse("GET", "/threads/" + t + "/runs/" + runId + "/stream", null, Map.of(), 100);
      assertThat(rejoined).extracting(TestServer.Sse::event).contains("updates").doesNotContain("custom");
    }
  }

  @Test
  void aSecretInTheTokensNeverLeavesAndWithoutAMessagesModeTheModelIsNotStreamed() throws Exception {
    List<String> leaky = List.of("the key is ", KEY.substring(0, 10), KEY.substring(10), " ok");
    try (StreamingLlm llm = new StreamingLlm(leaky, 0); TestServer s = server(llm)) {
      List<TestServer.Sse> events = stream(s, "talk", Map.of("messages", List.of(Map.of("type", "human", "content", "key?"))),
          List.of("messages-tuple"));
      StringBuilder all = new StringBuilder();
      for (TestServer.Sse e : events) all.append(e.data());
      assertThat(all.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 10)).contains("the key is ").contains("***");
      stream(s, "talk", Map.of("messages", List.of(Map.of("type", "human", "content", "again"))), List.of("values"));
      stream(s, "talk", Map.of("messages", List.of(Map.of("type", "human", "content", "more"))), List.of("custom"));
      assertThat(llm.streamed).containsExactly(true, false, false); // custom alone wants no tokens
    }
  }
}
