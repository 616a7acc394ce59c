package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  @Test
  void counterRunsToEndPrintingStepsFinalStateAndThread() {
    Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--thread", "t1");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("running counter as thread t1 (store sqlite:")
        .contains(dir.resolve(".lam/lam.db").toString())
        .containsPattern("(?m)^ {5}1  plan .* log=\\[\"plan\"\\] notes=\\{\"goal\":\"count to 100\"\\}$")
        .containsPattern("(?m)^ {5}2  tool .* attempts=1 log=\\[1\\] cost=0.5$")
        .containsPattern("(?m)^ {3}201  review .* notes=\\{\"last_review\":100\\}$")
        .contains("final state (step 201):")
        .contains("\"attempts\" : 100,")
        .contains("\"cost\" : 50.0")
        .contains("done: counter reached END after 201 steps");
    assertThat(r.out()).endsWith("thread: t1\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().filter(l -> l.matches(" *\\d+  (plan|tool|review) .*"))).hasSize(201);
  }

  @Test
  void progressLinesFitTheTerminalWidth() {
    Lam.Result r = Lam.runWithEnv(dir, Map.of("COLUMNS", "50"), "run", Lam.COUNTER);
    assertThat(r.code()).isEqualTo(0);
    List<String> steps = r.out().lines().filter(l -> l.matches(" *\\d+  (plan|tool|review) .*")).toList();
    assertThat(steps).hasSize(201).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(50));
    assertThat(steps.get(0)).endsWith("…");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonPrintsOnlyTheOutcome() {
    Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--json", "--thread", "j1");
    assertThat(r.code()).isEqualTo(0);
    Map<String, Object> m = r.json();
    assertThat(m).containsEntry("thread", "j1").containsEntry("status", "done").containsEntry("steps", 201L);
    Map<String, Object> state = (Map<String, Object>) m.get("state");
    assertThat(state).containsEntry("attempts", 100L).containsEntry("cost", 50.0);
    assertThat((List<Object>) state.get("log")).hasSize(101);
  }

  @Test
  void quietPrintsNoProgress() {
    Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--quiet");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).doesNotContain("running counter").doesNotContainPattern("(?m)^ +\\d+  tool");
    // issue 13: only the status line and the thread id, no final state
    assertThat(r.out()).startsWith("done: counter reached END after 201 steps").contains("\nthread: counter-")
        .doesNotContain("\"attempts\"").hasLineCount(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void inputValuesAreJsonWhenTheyParseElseStrings() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("inputs.yaml"), "--json", "--input", "n=21", "--input", "topic=cats",
        "--input", "tags=[\"a\",\"b\"]");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = (Map<String, Object>) r.json().get("state");
    assertThat(state).containsEntry("n", 21L).containsEntry("twice", 42L).containsEntry("topic", "cats")
        .containsEntry("tags", List.of("a", "b"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void inputFileGivesDefaultsThatInputPairsOverride() throws Exception {
    Files.writeString(dir.resolve("in.json"), "{\"n\": 5, \"topic\": \"dogs\"}");
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("inputs.yaml"), "--json", "--input-file", "in.json", "--input", "n=7");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = (Map<String, Object>) r.json().get("state");
    assertThat(state).containsEntry("n", 7L).containsEntry("twice", 14L).containsEntry("topic", "dogs");
  }

  @Test
  void malformedInputIsAOneLineUsageError() {
    for (String bad : List.of("novalue", "=3", " =x")) {
      Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--input", bad);
      assertThat(r.code()).as(bad).isEqualTo(2);
      assertThat(r.err().lines()).as(bad).hasSize(1).first().asString().startsWith("lam: error: ").contains("KEY=VALUE");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void inputFileMustHoldAJsonObject() throws Exception {
    Files.writeString(dir.resolve("list.json"), "[1, 2]");
    Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--input-file", "list.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lam: error: --input-file list.json must hold a JSON object ({\"key\": value, ...}), not an array\n");

    Files.writeString(dir.resolve("broken.json"), "{\"n\": ");
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--input-file", "broken.json").err())
        .startsWith("lam: error: --input-file broken.json: invalid JSON");
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--input-file", "missing.json").code()).isEqualTo(2);
  }

  @Test
  void inputOfTheWrongTypeIsRefusedBeforeAThreadExists() {
    // issue 13: this made a thread that failed with exit 1; now exit 2 and nothing is stored
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("inputs.yaml"), "--input", "n=many", "--thread", "i1");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lam: error: input 'n' is string, but channel 'n' expects integer; nothing was run\n");
    assertThat(Lam.run(dir, "state", "i1").code()).isEqualTo(2);
  }

  @Test
  void aThreadThatFailedOnItsInputCannotBeResumed() {
    // an input the up-front check lets through (a number too large for JSON) still fails the run at step 1
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("non-finite-fixed.yaml"), "--input", "stats={\"low\":[1e999]}",
        "--thread", "i1");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("lam: run failed at step 1 (input_error): input holds Infinity");
    assertThat(r.out()).contains("start a new run with corrected --input values").doesNotContain("lam resume");
    // resuming would run without the input (the engine never put it in the state): refused
    Lam.Result resume = Lam.run(dir, "resume", "i1");
    assertThat(resume.code()).isEqualTo(2);
    assertThat(resume.err()).startsWith("lam: error: thread i1 failed on its input");
    assertThat(Lam.run(dir, "state", "i1", "--json").json()).containsEntry("status", "failed").containsEntry("step", 0L);
  }

  @Test
  void invalidWorkflowPrintsDiagnosticsAndRunsNothing() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("unknown-node.yaml"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("error[UNKNOWN_NODE]").doesNotContain("running");
    assertThat(r.err()).contains("has 1 error, 0 warnings; nothing was run");
    assertThat(Lam.run(dir, "runs").out()).startsWith("no threads in ");
  }

  @Test
  void anExistingThreadIdIsRefused() {
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--thread", "same", "-q").code()).isEqualTo(0);
    Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--thread", "same");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("lam: error: thread 'same' already exists").contains("lam resume same");
  }

  @Test
  void unwritableStoreDirectoryIsOneLineAndNonZero() throws Exception {
    Files.writeString(dir.resolve("a-file"), "not a directory");
    Lam.Result r = Lam.run(dir, "run", Lam.COUNTER, "--store", "sqlite:" + dir.resolve("a-file/sub/lam.db"));
    assertThat(r.code()).as(r.toString()).isNotZero();
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("lam: error: ");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("LAM_DEBUG");
  }

  @Test
  void unknownStoreSchemeIsOneLine() {
    Lam.Result r = Lam.run(dir, "runs", "--store", "mongodb://x");
    assertThat(r.code()).isNotZero();
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("lam: error: ");
  }

  @Test
  void lamStoreEnvironmentVariableChoosesTheStore() {
    Path db = dir.resolve("elsewhere.db");
    Map<String, String> env = Map.of("LAM_STORE", "sqlite:" + db);
    assertThat(Lam.runWithEnv(dir, env, "run", Lam.COUNTER, "--thread", "e1", "-q").code()).isEqualTo(0);
    assertThat(Lam.runWithEnv(dir, env, "runs").out()).contains("e1");
    assertThat(Lam.run(dir, "runs", "--store", "sqlite:" + db).out()).contains("e1");
    assertThat(Lam.run(dir, "runs").out()).doesNotContain("e1");
  }
}
