package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.nodes.model.ModelRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: {@code lam init} makes a starter that validates and runs offline, for every template. */
class InitCommandTest {
  static final Path REPLAY = Path.of("src/main/resources/dev/lamgraph/cli/init/agent-replay.json").toAbsolutePath();
  @TempDir Path dir;

  @Test
  void theAgentStarterValidatesAndRunsOfflineFromItsReplayFile() throws Exception {
    Lam.Result r = Lam.run(dir, "init", "hello");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("created " + dir.resolve("hello") + " (agent): hello.yaml, hello.test.yaml, README.md, workflow.schema.json, replays/agent.json");
    Path home = dir.resolve("hello");
    assertThat(Files.readString(home.resolve("hello.yaml"))).startsWith("# yaml-language-server: $schema=workflow.schema.json\nname: hello\n");
    assertThat(Files.readString(home.resolve("README.md"))).startsWith("# hello\n").contains("lam run hello.yaml");
    assertThat(Lam.run(home, "validate", "hello.yaml").code()).isEqualTo(0);
    r = Lam.run(home, "run", "hello.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    List<?> msgs = (List<?>) ExampleDir.state(r).get("messages");
    assertThat(((Map<?, ?>) msgs.get(1)).get("content")).asString().contains("workflow engine");
    r = Lam.run(home, "test");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
  }

  @Test
  void theApprovalAndMapStartersValidateAndRun() throws Exception {
    assertThat(Lam.run(dir, "init", "ok", "--template", "approval").code()).isEqualTo(0);
    Path home = dir.resolve("ok");
    assertThat(Lam.run(home, "validate", "ok.yaml").code()).isEqualTo(0);
    assertThat(Lam.run(home, "run", "ok.yaml", "--thread", "t", "-q").code()).isEqualTo(3);
    Lam.Result r = Lam.run(home, "resume", "t", "--input", "ok=false", "--output", "log");
    assertThat(r.out().replaceAll("\\s", "")).isEqualTo("[\"drafted\",\"sentbackforrevision\"]");

    assertThat(Lam.run(dir, "init", "fan", "--template", "map").code()).isEqualTo(0);
    r = Lam.run(dir.resolve("fan"), "run", "fan.yaml", "--output", "summary");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("GRAPH! STATE! NODE!\n");
    for (String d : List.of("ok", "fan")) {
      r = Lam.run(dir.resolve(d), "test");
      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.out()).doesNotContain("FAIL");
    }
  }

  @Test
  void badNamesTemplatesAndExistingDirectoriesAreRefused() throws Exception {
    assertThat(Lam.run(dir, "init", "Bad Name").err()).contains("lam: error: workflow name 'Bad Name' must match [a-z0-9-]+");
    assertThat(Lam.run(dir, "init", "x", "--template", "aproval").err())
        .contains("unknown --template 'aproval'; known: agent, approval, map; did you mean 'approval'?");
    Files.createDirectories(dir.resolve("taken"));
    Lam.Result r = Lam.run(dir, "init", "taken");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("already exists");
  }

  /** The committed replay is what the agent template asks, recorded against a local OpenAI stand-in. */
  @Test
  void theAgentReplayFileMatchesTheTemplate() throws Exception {
    Lam.run(dir, "init", "rec");
    Path w = dir.resolve("rec/rec.yaml");
    Files.writeString(w, Files.readString(w).replace("provider: replay, file: replays/agent.json,",
        "provider: openai, api_key: \"${env:OPENAI_API_KEY}\", base_url: \"${env:OPENAI_BASE_URL}\","));
    Path file = dir.resolve("agent.json");
    try (MockOpenAi model = new MockOpenAi(chat -> MockOpenAi.Answer.text(
        "A workflow engine runs a defined series of steps, tracking state and handling failures and retries."))) {
      Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test-0123456789", "OPENAI_BASE_URL", model.baseUrl(),
          ModelRecording.RECORD_ENV, file.toString());
      try (CompiledGraph g = LlmRecordingsTest.compiler(env).compile(w);
          Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
        RunResult r = runs.start(g, "rec", Map.of());
        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.DONE);
      }
    }
    if (Boolean.getBoolean("lam.regenerate")) Files.writeString(REPLAY, Files.readString(file));
    assertThat(Files.readString(file)).as("%s is stale; rerun with -Dlam.regenerate=true", REPLAY).isEqualTo(Files.readString(REPLAY));
  }
}
