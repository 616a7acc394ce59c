package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.model.ModelRecording;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a workflow whose model needs {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL} can be
 * validated, drawn and its threads inspected without them (MISSING_ENV is a warning there); a run
 * or resume without them is refused up front (exit 2), naming the variables, not blaming the build.
 */
class MissingEnvCommandTest {
  @TempDir Path tmp;
  ExampleDir ex;

  @BeforeEach
  void copyGraphs() throws Exception {
    ex = new ExampleDir(tmp);
  }

  Lam.Result bare(Object... args) { // no environment at all: neither key nor base URL nor LAM_REPLAY
    return Lam.runWithEnv(tmp, Map.of(), args);
  }

  String store() {
    return "sqlite:" + tmp.resolve("lam.db");
  }

  @Test
  void validateWithoutTheKeyPassesWithAWarningNamingBothVariables() {
    Lam.Result r = bare("validate", ex.resolve("api-booking-llm.yaml"));
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("warning[MISSING_ENV]").contains("OPENAI_API_KEY, OPENAI_BASE_URL")
        .doesNotContain("error[");

    Lam.Result json = bare("validate", ex.resolve("api-booking-llm.yaml"), "--json");
    assertThat(json.code()).as(json.toString()).isEqualTo(0);
    assertThat(json.json()).containsEntry("valid", true).containsEntry("errors", 0L);
  }

  @Test
  void validateStillFailsOnARealErrorNextToAMissingVariable() throws Exception {
    Path wf = ex.resolve("broken-llm.yaml");
    java.nio.file.Files.writeString(wf, java.nio.file.Files.readString(ex.resolve("api-booking-llm.yaml"))
        .replace("output: trip", "output: no_such_channel"));
    Lam.Result r = bare("validate", wf);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("error[UNKNOWN_CHANNEL]").contains("warning[MISSING_ENV]");
  }

  @Test
  void diagramWithoutTheKeyDrawsTheGraphAndWarnsOnStderr() {
    Lam.Result r = bare("diagram", ex.resolve("api-booking-llm.yaml"));
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("flowchart TD").contains("understand").doesNotContain("MISSING_ENV");
    assertThat(r.err()).contains("warning[MISSING_ENV]").contains("OPENAI_API_KEY, OPENAI_BASE_URL");
  }

  @Test
  void aThreadRunFromTheReplayIsInspectedWithoutTheKey() {
    ex.env = ModelRecording.replayFrom(Map.of(), LlmRecordingsTest.committed("log-debugger-llm"));
    Lam.Result run = ex.run("log-debugger-llm.yaml", "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    String thread = (String) run.json().get("thread");

    Lam.Result state = bare("state", thread, "--store", store());
    assertThat(state.code()).as(state.toString()).isEqualTo(0);
    assertThat(state.out()).contains("diagnosis").doesNotContain("does not compile");
    Lam.Result history = bare("history", thread, "--store", store());
    assertThat(history.code()).as(history.toString()).isEqualTo(0);
    Lam.Result trace = bare("trace", thread, "--store", store());
    assertThat(trace.code()).as(trace.toString()).isEqualTo(0);
    Lam.Result drawn = bare("diagram", "--run", thread, "--store", store());
    assertThat(drawn.code()).as(drawn.toString()).isEqualTo(0);
    assertThat(drawn.out()).contains("flowchart TD");
    Lam.Result fork = bare("fork", thread, "--from", 1, "--store", store());
    assertThat(fork.code()).as(fork.toString()).isEqualTo(0);

    // resuming runs the model: refused up front, naming the variables, not the build
    Lam.Result resume = bare("resume", thread, "--store", store());
    assertThat(resume.code()).as(resume.toString()).isEqualTo(2);
    assertThat(resume.err()).contains("needs environment variables OPENAI_API_KEY, OPENAI_BASE_URL, which are not set")
        .doesNotContain("does not compile with this build");
  }

  @Test
  void runWithoutTheKeyIsRefusedBeforeAnyThreadExists() {
    Lam.Result r = bare("run", ex.resolve("log-debugger-llm.yaml"), "--store", store());
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("error[MISSING_ENV]").contains("OPENAI_API_KEY, OPENAI_BASE_URL");
    assertThat(r.err()).contains("nothing was run");
    Lam.Result runs = bare("runs", "--store", store());
    assertThat(runs.out()).doesNotContain("log-debugger-llm-");
  }
}
