package dev.lamgraph.nodes.model;

import static dev.lamgraph.nodes.testing.Harness.oneNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key from the (injected) environment reaches no checkpoint, trace event, run detail,
 * replay file or output line, even when a server echoes it in an error or a model repeats it.
 */
class SecretsTest {
  static final String KEY = "sk-leaky-4b1d9e0c77aa";

  /** Everything the store holds about a run, as text. */
  static String stored(Harness h, RunResult r) {
    StringBuilder sb = new StringBuilder();
    h.store.thread(r.threadId()).ifPresent(t -> sb.append(Json.write(t)));
    for (Checkpoint c : h.store.checkpoints(r.threadId(), 0, r.steps())) sb.append(Json.write(c));
    h.store.events(r.threadId()).forEach(e -> sb.append(Json.write(e)));
    return sb.toString();
  }

  @Test
  void aKeyEchoedByTheServerOrTheModelIsRedactedEverywhere(@TempDir Path tmp) throws Exception {
    Path rec = tmp.resolve("rec.json");
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (MockLlm server = new MockLlm()) {
      server.reply(500, "{\"error\":{\"message\":\"upstream failed for key " + KEY + "\"}}", 0)
          .json(MockLlm.openAiText("Your key is " + KEY, 5, 5));
      Harness h = new Harness(Map.of("K", KEY, "URL", server.url("/v1"), ModelRecording.RECORD_ENV, rec.toString()));
      String models = "models: { default: { provider: openai, model: m, base_url: \"${env:URL}\", api_key: \"${env:K}\","
          + " retry_backoff: 1ms } }\n";
      System.setOut(new PrintStream(console, true));
      System.setErr(new PrintStream(console, true));
      RunResult r = h.run(h.compile(oneNode(models, "string", "{ type: llm, prompt: hi, output: out }")), Map.of());

      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(server.take().header("Authorization")).isEqualTo("Bearer " + KEY); // it was really used
      String all = stored(h, r);
      assertThat(all).contains("upstream failed for key ***").contains("Your key is ***").doesNotContain(KEY);
      assertThat(Files.readString(rec)).contains("Your key is ***").doesNotContain(KEY);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(console.toString()).doesNotContain(KEY);
  }

  @Test
  void aRefusedKeyNamesTheVariableNotTheValue() throws Exception {
    try (MockLlm server = new MockLlm()) {
      server.reply(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}", 0);
      Harness h = new Harness(Map.of("K", KEY, "URL", server.url("/v1")));
      String models = "models: { default: { provider: openai, model: m, base_url: \"${env:URL}\", api_key: \"${env:K}\" } }\n";
      RunResult r = h.run(h.compile(oneNode(models, "string", "{ type: llm, prompt: hi, output: out }")), Map.of());

      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      assertThat(r.detail()).containsEntry("kind", "auth_error");
      assertThat(r.message()).contains("the key was refused (HTTP 401); check ${env:K}").doesNotContain(KEY);
      assertThat(stored(h, r)).doesNotContain(KEY);
    }
  }
}
