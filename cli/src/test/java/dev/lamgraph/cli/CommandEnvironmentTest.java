package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.cli.MockOpenAi.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 (injected environment), at the CLI: each command sees the environment of its own
 * {@link Terminal} and masks with its own redactor. Two commands in one JVM (tests, and {@code lam
 * serve} later) do not leak into each other: {@code lam run --record} used to set a process-wide
 * switch that stayed on, so every later command in the JVM recorded into the first one's file.
 */
class CommandEnvironmentTest {
  static final String KEY_A = "sk-cmd-alpha-0b7e5d13";
  static final String KEY_B = "sk-cmd-bravo-6c2f9a48";
  static final String WORKFLOW = """
      name: echo
      models:
        default: { provider: openai, model: m, base_url: "${env:OPENAI_BASE_URL}", api_key: "${env:OPENAI_API_KEY}" }
      state:
        said: { type: string }
      nodes:
        ask: { type: llm, prompt: "repeat what you know", output: said }
      edges:
        - { from: START, to: ask }
        - { from: ask, to: END }
      """;
  @TempDir Path tmp;

  @Test
  void recordingAndSecretsOfOneCommandDoNotReachTheNext() throws Exception {
    Path flow = Files.writeString(tmp.resolve("echo.yaml"), WORKFLOW);
    Path recording = tmp.resolve("a.json");
    try (MockOpenAi a = new MockOpenAi(chat -> Answer.text("A knows " + KEY_A + " and heard of " + KEY_B));
        MockOpenAi b = new MockOpenAi(chat -> Answer.text("B knows " + KEY_B + " and heard of " + KEY_A))) {
      Lam.Result first = Lam.runWithEnv(tmp, Map.of("OPENAI_API_KEY", KEY_A, "OPENAI_BASE_URL", a.baseUrl()), "run", flow,
          "--record", recording, "--store", "memory:", "--json");
      assertThat(first.code()).as(first.toString()).isEqualTo(0);
      Lam.Result second = Lam.runWithEnv(tmp, Map.of("OPENAI_API_KEY", KEY_B, "OPENAI_BASE_URL", b.baseUrl()), "run", flow,
          "--store", "memory:", "--json");
      assertThat(second.code()).as(second.toString()).isEqualTo(0);
      assertThat(a.requests()).isEqualTo(1);
      assertThat(b.requests()).isEqualTo(1);

      // each command masks its own key, and only its own: to the other it is just text
      assertThat(first.out()).contains("A knows *** and heard of " + KEY_B).doesNotContain(KEY_A);
      assertThat(second.out()).contains("B knows *** and heard of " + KEY_A).doesNotContain(KEY_B);
      // --record was the first command's: the second one's call is not in its file
      assertThat(Files.readString(recording)).contains("A knows ***").doesNotContain("B knows").doesNotContain(KEY_A);
    }
  }
}
