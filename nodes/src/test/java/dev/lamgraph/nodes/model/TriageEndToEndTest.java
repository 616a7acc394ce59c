package dev.lamgraph.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The triage workflow (nodes/src/test/resources/workflows) run through the engine's {@code Runs}:
 * against a local OpenAI-compatible server while recording, then offline from the recording and
 * from the committed replay file, which is a golden file ({@code -Dlam.regenerate=true} rewrites it).
 */
class TriageEndToEndTest {
  static final Path WORKFLOW = Path.of("src/test/resources/workflows/triage.yaml");
  static final Path REPLAY = Path.of("src/test/resources/replays/triage.json");
  static final String KEY = "sk-e2e-secret-7f3a9c2b41";
  static final Map<String, Object> INPUT = Map.of("ticket", "Where is my order A-7? It has not arrived.");
  static final Map<String, Object> TRIAGE = Map.of("category", "shipping", "order_id", "A-7");
  static final String REPLY = "Good news: order A-7 has shipped and is on its way.";

  static void script(MockLlm server) {
    server.json(MockLlm.openAiText("{\"category\":\"shipping\",\"order_id\":\"A-7\"}", 85, 14))
        .json(MockLlm.openAiTools("lookup_order", "{\"id\":\"A-7\"}"))
        .json(MockLlm.openAiText(REPLY, 140, 16));
  }

  @Test
  void recordsAgainstTheServerThenReplaysOfflineWithIdenticalResults(@TempDir Path tmp) throws Exception {
    Path recording = tmp.resolve("triage.json");
    RunResult live;
    Harness recorder;
    try (MockLlm server = new MockLlm()) {
      script(server);
      recorder = new Harness(Map.of("TRIAGE_BASE_URL", server.url("/v1"), "TRIAGE_API_KEY", KEY,
          ModelRecording.RECORD_ENV, recording.toString()));
      live = recorder.run(recorder.compileFile(WORKFLOW), INPUT);
      assertThat(server.requests()).isEqualTo(3);
    } // the server is gone from here on

    assertThat(live.status()).isEqualTo(RunStatus.DONE);
    assertThat(live.state()).containsEntry("triage", TRIAGE).containsEntry("reply", REPLY).containsEntry("log", List.of("replied"));
    List<TraceEvent> calls = recorder.events(live, "model_call");
    assertThat(calls).extracting(TraceEvent::node).containsExactly("classify", "answer", "answer");
    assertThat(calls).extracting(e -> e.data().get("input_tokens")).containsExactly(85L, 20L, 140L);
    assertThat(calls).extracting(e -> e.data().get("output_tokens")).containsExactly(14L, 7L, 16L);
    assertThat(calls).allSatisfy(e -> assertThat(e.data()).containsEntry("provider", "openai").containsEntry("model", "gpt-4o-mini"));
    assertThat(recorder.events(live, "tool_call")).singleElement().satisfies(e -> assertThat(e.node()).isEqualTo("answer"));
    String recorded = Files.readString(recording);
    assertThat(recorded).doesNotContain(KEY).contains("\"format\" : \"lamgraph-replay/1\"");

    if (Boolean.getBoolean("lam.regenerate")) Files.writeString(REPLAY, recorded);
    assertThat(recorded).as("the committed replay file is stale; rerun with -Dlam.regenerate=true").isEqualTo(Files.readString(REPLAY));

    Harness offline = new Harness(Map.of(ModelRecording.REPLAY_ENV, recording.toString())); // no key, no URL
    RunResult replayed = offline.run(offline.compileFile(WORKFLOW), INPUT);
    assertThat(replayed.status()).isEqualTo(RunStatus.DONE);
    assertThat(replayed.state()).isEqualTo(live.state());
    assertThat(offline.events(replayed, "model_call")).extracting(e -> e.data().get("provider")).containsOnly("replay");
    assertThat(offline.events(replayed, "model_call")).extracting(e -> e.data().get("output_tokens")).containsExactly(14L, 7L, 16L);
  }

  @Test
  void theCommittedReplayFileRunsTheWorkflowOffline() throws Exception {
    String yaml = Files.readString(WORKFLOW).replaceAll("(?s)models:.*?(?=tools:)",
        "models:\n  default: { provider: replay, file: ../replays/triage.json, model: gpt-4o-mini, temperature: 0, max_tokens: 300 }\n");
    Harness h = new Harness(Map.of());
    RunResult r = h.run(h.compile(yaml), INPUT);
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state()).containsEntry("triage", TRIAGE).containsEntry("reply", REPLY);
  }

  @Test
  void aRequestThatWasNotRecordedIsAClearErrorNotAnInventedAnswer() throws Exception {
    Harness h = new Harness(Map.of(ModelRecording.REPLAY_ENV, REPLAY.toString()));
    RunResult r = h.run(h.compileFile(WORKFLOW), Map.of("ticket", "I was charged twice for order B-9."));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "not_recorded").containsEntry("node", "classify");
    assertThat(r.message()).startsWith("node 'classify': replay file " + REPLAY + " has no answer for this request of model 'default'")
        .contains("model gpt-4o-mini, 2 messages, last user: Ticket: I was charged twice for order B-9.")
        .contains("3 recorded; record it again with LAM_RECORD=");
    assertThat(r.state()).doesNotContainKey("reply");
  }

  @Test
  void recordingCanBeSwitchedOnFromCode(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("sub/rec.json");
    try (MockLlm server = new MockLlm()) {
      script(server);
      Harness h = new Harness(ModelRecording.recordTo(Map.of("TRIAGE_BASE_URL", server.url("/v1"), "TRIAGE_API_KEY", KEY), file));
      CompiledGraph g = h.compileFile(WORKFLOW);
      assertThat(h.run(g, INPUT).status()).isEqualTo(RunStatus.DONE);
    }
    assertThat(Files.readString(file)).isEqualTo(Files.readString(REPLAY));
  }
}
