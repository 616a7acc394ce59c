package dev.lamgraph.nodes.model;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Token streaming: with a listener that wants the node's output, the real langchain4j OpenAI
 * streaming client reads a local server's SSE chunks and the tokens reach the listener in order
 * before the step commits; the final state, trace and journal equal the blocking call's.
 */
class StreamingTest {
  final MockLlm server = OpenAiWireTest.newServer();
  final Harness h = new Harness(Map.of("OPENAI_API_KEY", OpenAiWireTest.KEY, "MOCK", server.url("/v1")));
  static final String NODE = "{ type: llm, prompt: 'Ticket: {{ state.ticket }}', output: out }";

  @AfterEach
  void stop() {
    server.close();
  }

  /** What the listener heard: "token:TEXT", "final:REASON" and "commit:STEP", in order. */
  static class Heard implements RunListener {
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> chunks = new CopyOnWriteArrayList<>();

    @Override
    public boolean wantsEmits(String kind) {
      return true;
    }

    @Override
    public void nodeEmitted(long step, String node, String kind, Object payload) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) payload;
      chunks.add(c);
      log.add(Boolean.TRUE.equals(c.get("final")) ? "final:" + c.get("finish_reason") : "token:" + c.get("content"));
    }

    @Override
    public void stepCommitted(long step, List<String> next, long bytes) {
      log.add("commit:" + step);
    }

    String text() {
      StringBuilder b = new StringBuilder();
      for (Map<String, Object> c : chunks) b.append(c.get("content"));
      return b.toString();
    }
  }

  RunResult run(String yaml, RunListener l) throws Exception {
    try (Runs runs = new Runs(h.store, RunOptions.defaults().withRedactor(h.secrets).withListener(l))) {
      return runs.start(h.compile(yaml), "t-" + System.nanoTime(), Map.of());
    }
  }

  @Test
  void tokensArriveInOrderBeforeTheStepCommitsAndTheResultEqualsTheBlockingCall() throws Exception {
    server.sse(MockLlm.openAiStream(42, 6, "It is ", "a hard", "ware issue.")).json(MockLlm.openAiText("It is a hardware issue.", 42, 6));
    String yaml = oneNode(OpenAiWireTest.models(""), "string", NODE);
    Heard heard = new Heard();
    RunResult streamed = run(yaml, heard);
    RunResult blocking = run(yaml, RunListener.NONE);

    assertThat(heard.log).containsExactly("token:It is ", "token:a hard", "token:ware issue.", "final:stop", "commit:1");
    assertThat(heard.chunks.stream().map(c -> c.get("id")).distinct().toList()).hasSize(1);
    assertThat(heard.chunks.get(3)).containsEntry("input_tokens", 42L).containsEntry("output_tokens", 6L)
        .containsEntry("provider", "openai").containsEntry("model", "gpt-test");
    assertThat(heard.text()).isEqualTo("It is a hardware issue.");
    assertThat(streamed.status()).isEqualTo(RunStatus.DONE);
    assertThat(streamed.state()).isEqualTo(blocking.state());
    assertThat(server.take().json()).containsEntry("stream", true);
    assertThat(server.take().json()).containsEntry("stream", false);
    assertThat(calls(streamed)).isEqualTo(calls(blocking));
    assertThat(h.store.journal(streamed.threadId(), 0, 10)).hasSize(1);
    assertThat(h.store.journal(streamed.threadId(), 0, 10).get(0).valueJson())
        .isEqualTo(h.store.journal(blocking.threadId(), 0, 10).get(0).valueJson());
  }

  @Test
  void anAgentLoopStreamsEachModelCallAndItsToolCallsComeWithTheLastChunk() throws Exception {
    server.sse(MockLlm.openAiToolStream("call_1", "lookup_order", "{\"id\":", "\"A-7\"}"))
        .sse(MockLlm.openAiStream(60, 8, "Order A-7 ", "has shipped."));
    Heard heard = new Heard();
    RunResult r = run("tools: { lookup_order: {} }\n" + oneNode(OpenAiWireTest.models(""), "string",
        "{ type: llm, prompt: 'Where is order A-7?', output: out, tools: [lookup_order] }"), heard);
    assertThat(r.state().get("out")).isEqualTo("Order A-7 has shipped.");
    assertThat(heard.log).containsExactly("final:tool_execution", "token:Order A-7 ", "token:has shipped.", "final:stop", "commit:1");
    assertThat(heard.chunks.get(0).get("tool_calls"))
        .isEqualTo(List.of(Map.of("id", "call_1", "name", "lookup_order", "arguments", "{\"id\":\"A-7\"}")));
    assertThat(heard.chunks.get(0).get("id")).isNotEqualTo(heard.chunks.get(1).get("id"));
    assertThat(h.events(r, "tool_call")).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("tool", "lookup_order"));
  }

  @Test
  void aServerErrorBeforeTheStreamIsRetriedLikeTheBlockingCall() throws Exception {
    server.reply(500, "{\"error\":{\"message\":\"overloaded\"}}", 0).sse(MockLlm.openAiStream(5, 2, "o", "k"));
    Heard heard = new Heard();
    RunResult r = run(oneNode(OpenAiWireTest.models(""), "string", NODE), heard);
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("out")).isEqualTo("ok");
    assertThat(server.requests()).isEqualTo(2);
    assertThat(h.events(r, "model_call")).extracting(e -> e.data().get("error_kind")).containsExactly("server_error", null);
    assertThat(heard.log).containsExactly("token:o", "token:k", "final:stop", "commit:1");
  }

  @Test
  void aStreamThatGoesQuietForTheModelsTimeoutFailsWithKindTimeout() throws Exception {
    server.sseAfter(MockLlm.openAiStream(1, 1, "late"), 20_000);
    Heard heard = new Heard();
    long t0 = System.nanoTime();
    RunResult r = run(oneNode(OpenAiWireTest.models(", timeout: 300ms, max_retries: 0"), "string", NODE), heard);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(15_000); // the timeout, not the stream's 20 s
    assertThat(h.events(r, "model_call")).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("error_kind", "timeout"));
    assertThat(heard.log).isEmpty();
  }

  @Test
  void aStreamCutBeforeItsEndFailsLikeABrokenAnswer() throws Exception {
    String cut = MockLlm.openAiStream(1, 1, "half ", "an answer");
    server.sse(cut.substring(0, cut.lastIndexOf("data: {")));
    Heard heard = new Heard();
    RunResult r = run(oneNode(OpenAiWireTest.models(", max_retries: 0"), "string", NODE), heard);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.state()).doesNotContainKey("out");
    assertThat(h.events(r, "model_call")).singleElement().satisfies(e -> assertThat(e.data())
        .containsEntry("error_kind", "bad_response").extracting("error").asString().contains("the stream ended before the answer did"));
    assertThat(heard.log).containsExactly("token:half ", "token:an answer"); // sent live; the failed attempt ends there
  }

  @Test
  void aSecretSplitAcrossStreamedTokensIsMasked() throws Exception {
    String key = OpenAiWireTest.KEY; // sk-test-openai-0123456789, registered as a secret by the compile
    server.sse(MockLlm.openAiStream(5, 9, "the key is " + key.substring(0, 9), key.substring(9, 15), key.substring(15) + " ok"));
    Heard heard = new Heard();
    RunResult r = run(oneNode(OpenAiWireTest.models(""), "string", NODE), heard);
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(heard.text()).isEqualTo("the key is *** ok");
    for (Map<String, Object> c : heard.chunks) assertThat(String.valueOf(c)).doesNotContain(key.substring(0, 9), key.substring(9, 15));
    assertThat(r.state().get("out")).isEqualTo("the key is " + key + " ok"); // the state keeps it (sealed in the store)
  }

  @Test
  void nobodyListeningMeansTheBlockingCall() throws Exception {
    server.json(MockLlm.openAiText("done", 1, 1));
    Heard deaf = new Heard() {
      @Override
      public boolean wantsEmits(String kind) {
        return false;
      }
    };
    RunResult r = run(oneNode(OpenAiWireTest.models(""), "string", NODE), deaf);
    assertThat(r.state().get("out")).isEqualTo("done");
    assertThat(deaf.log).containsExactly("commit:1");
    assertThat(server.take().json()).containsEntry("stream", false);
  }

  @Test
  void aStreamedAnswerIsRecordedAsTheBlockingOneAndItsReplayIsOnePiece(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path streamedFile = dir.resolve("streamed.json");
    java.nio.file.Path blockingFile = dir.resolve("blocking.json");
    server.sse(MockLlm.openAiStream(42, 6, "It is ", "a hard", "ware issue.")).json(MockLlm.openAiText("It is a hardware issue.", 42, 6));
    String yaml = oneNode(OpenAiWireTest.models(""), "string", NODE);
    Map<String, String> env = Map.of("OPENAI_API_KEY", OpenAiWireTest.KEY, "MOCK", server.url("/v1"));
    Harness rec = new Harness(ModelRecording.recordTo(env, streamedFile));
    try (Runs runs = new Runs(rec.store, RunOptions.defaults().withRedactor(rec.secrets).withListener(new Heard()))) {
      runs.start(rec.compile(yaml), "rec-streamed", Map.of());
    }
    Harness rec2 = new Harness(ModelRecording.recordTo(env, blockingFile));
    rec2.run(rec2.compile(yaml), Map.of());
    assertThat(java.nio.file.Files.readString(streamedFile)).isEqualTo(java.nio.file.Files.readString(blockingFile));

    Harness replay = new Harness(ModelRecording.replayFrom(env, streamedFile));
    Heard heard = new Heard();
    RunResult r;
    try (Runs runs = new Runs(replay.store, RunOptions.defaults().withRedactor(replay.secrets).withListener(heard))) {
      r = runs.start(replay.compile(yaml), "replayed", Map.of());
    }
    assertThat(r.state().get("out")).isEqualTo("It is a hardware issue.");
    assertThat(heard.log).containsExactly("token:It is a hardware issue.", "final:stop", "commit:1");
    assertThat(server.requests()).isEqualTo(2);
  }

  /** The model_call events without their timing. */
  private List<Map<String, Object>> calls(RunResult r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TraceEvent e : h.events(r, "model_call")) {
      Map<String, Object> d = new LinkedHashMap<>(e.data());
      d.remove("duration_ms");
      out.add(d);
    }
    return out;
  }
}
