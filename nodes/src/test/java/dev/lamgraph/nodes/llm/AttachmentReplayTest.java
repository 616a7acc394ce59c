package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.nodes.model.Attachment;
import dev.lamgraph.nodes.model.ModelRecording;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import dev.lamgraph.nodes.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planner and reviewer nodes send attachments too, and a run with attachments recorded against a
 * provider replays offline: replay files key attachments by content hash, never by their bytes.
 */
class AttachmentReplayTest {
  static final byte[] PNG = TestFiles.png(5, 5, 0x00aa00);
  static final String PLAN = "{\"steps\": [{\"tool\": \"lookup_order\", \"args\": {\"id\": \"A-7\"}}]}";
  static final String VERDICT = "{\"approve\": true, \"score\": 0.9, \"feedback\": []}";
  @TempDir Path tmp;

  String workflow(Path root) {
    String policy = ", attachments: [state.scan], attachment_policy: { root: '" + root + "' }";
    return "name: w\nmodels:\n  default: { provider: openai, model: gpt-4o, base_url: \"${env:MOCK}\", temperature: 0 }\n"
        + "tools: { lookup_order: {} }\nstate:\n  scan: { type: string, default: scan.png }\n  plan: { type: list }\n"
        + "  verdict: { type: object }\nnodes:\n"
        + "  plan: { type: planner, strategy: llm, prompt: 'Look up the order on the screenshot.', output: plan" + policy + " }\n"
        + "  review: { type: reviewer, strategy: llm, rubric: 'The plan matches the screenshot.', subject: '{{ state.plan }}',"
        + " output: verdict" + policy + " }\n"
        + "edges:\n  - { from: START, to: plan }\n  - { from: plan, to: review }\n  - { from: review, to: END }\n";
  }

  @Test
  void plannerAndReviewerSendTheImageAndTheRecordingReplaysWithNoServer() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("shots"));
    Files.write(root.resolve("scan.png"), PNG);
    Path file = tmp.resolve("rec.json");
    RunResult live;
    try (MockLlm server = new MockLlm()) {
      server.json(MockLlm.openAiText(PLAN, 300, 20)).json(MockLlm.openAiText(VERDICT, 320, 12));
      Harness h = new Harness(ModelRecording.recordTo(Map.of("MOCK", server.url("/v1")), file));
      live = h.run(h.compile(workflow(root)), Map.of());
      assertThat(live.status()).isEqualTo(RunStatus.DONE);
      String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
      for (int i = 0; i < 2; i++) {
        List<?> content = (List<?>) ((Map<?, ?>) ((List<?>) server.take().json().get("messages")).get(1)).get("content");
        assertThat(String.valueOf(content.get(1))).contains(png);
      }
    }
    assertThat(live.state().get("plan")).isEqualTo(List.of(Map.of("tool", "lookup_order", "args", Map.of("id", "A-7"))));
    assertThat(((Map<?, ?>) live.state().get("verdict")).get("approve")).isEqualTo(true);

    String recorded = Files.readString(file);
    String hash = new Attachment("image/png", PNG, "scan.png").sha256();
    assertThat(recorded).contains("\"sha256\" : \"" + hash + "\"").contains("\"mime_type\" : \"image/png\"")
        .doesNotContain(Base64.getEncoder().encodeToString(PNG));

    Harness offline = new Harness(Map.of(ModelRecording.REPLAY_ENV, file.toString())); // no server, no MOCK
    RunResult replayed = offline.run(offline.compile(workflow(root)), Map.of());
    assertThat(replayed.status()).isEqualTo(RunStatus.DONE);
    assertThat(replayed.state()).isEqualTo(live.state());
    assertThat(offline.events(replayed, "model_call")).extracting(e -> e.data().get("provider")).containsExactly("replay", "replay");

    Files.write(root.resolve("scan.png"), TestFiles.png(5, 5, 0xaa0000)); // another image: another key
    RunResult other = offline.run(offline.compile(workflow(root)), Map.of());
    assertThat(other.status()).isEqualTo(RunStatus.FAILED);
    assertThat(other.detail()).containsEntry("kind", "not_recorded").containsEntry("node", "plan");
  }
}
