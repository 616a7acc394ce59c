package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Human answers on resume, state edits at interrupts, history, state at a checkpoint, fork and replay. */
@SuppressWarnings("unchecked")
class FlowCommandsTest {
  @TempDir Path dir;

  private Map<String, Object> state(String thread) {
    return Lam.run(dir, "state", thread, "--json").json();
  }

  @Test
  void aHumanNodePausesWithPromptAndSchemaAndAnInvalidAnswerLeavesItPaused() {
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("human.yaml"), "--thread", "h");
    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("paused in node 'approve' after step 1 (the last committed step): Carry out [\"search\",\"summarize\"]?")
        .contains("answer schema: {\"type\":\"object\",\"required\":[\"approved\"]")
        .contains("answer with: lam resume h --input KEY=VALUE...");
    // issue 13: `lam state` uses the same step number, and shows the pending question and its schema
    Lam.Result st = Lam.run(dir, "state", "h");
    assertThat(st.code()).as(st.toString()).isEqualTo(0);
    assertThat(st.out()).startsWith("thread h (" ).contains("): paused after step 1 (the last committed step)\n")
        .contains("waiting for an answer from node 'approve': Carry out [\"search\",\"summarize\"]?\n")
        .contains("answer schema: {\"type\":\"object\",\"required\":[\"approved\"]")
        .contains("answer with: lam resume h --input KEY=VALUE...\n");

    Lam.Result bad = Lam.run(dir, "resume", "h", "--input", "approved=maybe");
    assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).startsWith("lam: error: the answer to node 'approve' does not match its schema")
        .contains("/approved: string found, boolean expected")
        .endsWith("thread h is still paused: resume it with a valid --input\n");
    Lam.Result missing = Lam.run(dir, "resume", "h");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("required property 'approved' not found");
    assertThat(state("h")).containsEntry("status", "paused").containsEntry("step", 1L);
    assertThat(Lam.run(dir, "history", "h", "--json").jsonList()).hasSize(2);

    Lam.Result ok = Lam.run(dir, "resume", "h", "--input-file", Lam.workflow("answer.json"), "--json");
    assertThat(ok.code()).as(ok.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) ok.json().get("state"))
        .containsEntry("approval", Map.of("approved", true, "comment", "go ahead")).containsEntry("log", List.of("acted"));
  }

  @Test
  void anInputAtAnInterruptBeforeEditsTheStateAsItsOwnCheckpoint() {
    assertThat(Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--thread", "p", "--input", "who=bob").code()).isEqualTo(3);
    Lam.Result wrongType = Lam.run(dir, "resume", "p", "--input", "draft=42");
    assertThat(wrongType.code()).isEqualTo(2);
    assertThat(wrongType.err()).contains("wrote integer to channel 'draft', which expects string");
    // issue 13: a refused edit is not announced as committed before the error
    assertThat(wrongType.out()).doesNotContain("__human__").doesNotContain("committed");

    Lam.Result r = Lam.run(dir, "resume", "p", "--input", "draft=hello everyone");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    // issue 13: the edit shows as an edit once committed, never as "(error handled)"
    assertThat(r.out()).containsPattern("(?m)^ +2  __human__ \\(state edit\\) .*draft=\"hello everyone\"$")
        .containsPattern("(?m)^ +3  publish ").doesNotContain("(error handled)").doesNotContain("committed as step");
    // ... and in the trace, text and JSON
    assertThat(Lam.run(dir, "trace", "p").out())
        .containsPattern("(?m)^ +2  +\\S+  __human__ +edit +draft=\"hello everyone\"$");
    String traceJson = Lam.run(dir, "trace", "p", "--json").out();
    assertThat(traceJson.lines().filter(l -> l.contains("\"state_updated\"")).toList()).singleElement().asString()
        .contains("\"step\":2").contains("\"node\":\"__human__\"").contains("\"draft\":\"hello everyone\"");
    assertThat((Map<String, Object>) state("p").get("state")).containsEntry("draft", "hello everyone")
        .containsEntry("published", true);
    List<Object> h = Lam.run(dir, "history", "p", "--json").jsonList();
    assertThat(h).extracting(c -> ((Map<String, Object>) c).get("ran"))
        .containsExactly(List.of("START"), List.of("write"), List.of("__human__"), List.of("publish"));
    assertThat(Lam.run(dir, "history", "p").out()).containsPattern("(?m)^ +2  __human__ +publish +\\d{4}-\\d\\d-\\d\\dT");
    assertThat((Map<String, Object>) Lam.run(dir, "state", "p", "--checkpoint", "1", "--json").json().get("state"))
        .containsEntry("draft", "hello bob");
  }

  @Test
  void forkStartsANewThreadFromACheckpointWithEditsAndLeavesTheOriginal() {
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--thread", "a", "-q").code()).isEqualTo(0);
    Map<String, Object> before = state("a");

    Lam.Result f = Lam.run(dir, "fork", "a", "--from", "3", "--set", "attempts=97", "--thread", "a2");
    assertThat(f.code()).as(f.toString()).isEqualTo(0);
    assertThat(f.out()).contains("forked thread a at checkpoint 3 as a2, with attempts set at step 4")
        .contains("\"attempts\" : 97").contains("run it with: lam resume a2").endsWith("thread: a2\n");
    assertThat(state("a2")).containsEntry("status", "paused").containsEntry("step", 4L);
    List<Object> h = Lam.run(dir, "history", "a2", "--json").jsonList();
    assertThat(h).extracting(c -> ((Map<String, Object>) c).get("ran")).containsExactly(List.of("START"), List.of("plan"),
        List.of("tool"), List.of("review"), List.of("__fork__"));

    Lam.Result resumed = Lam.run(dir, "resume", "a2", "--json");
    assertThat(resumed.code()).as(resumed.toString()).isEqualTo(0);
    Map<String, Object> end = (Map<String, Object>) resumed.json().get("state");
    assertThat(end).containsEntry("attempts", 100L);
    assertThat((List<Object>) end.get("log")).containsExactly("plan", 1L, 98L, 99L, 100L);
    assertThat(state("a")).isEqualTo(before);

    assertThat(Lam.run(dir, "fork", "a", "--from", "999").err()).contains("there is no checkpoint 999");
    assertThat(Lam.run(dir, "fork", "a", "--from", "999").code()).isEqualTo(2);
    Lam.Result badSet = Lam.run(dir, "fork", "a", "--from", "1", "--set", "attempts=many");
    assertThat(badSet.code()).isEqualTo(2);
    assertThat(badSet.err()).contains("wrote string to channel 'attempts', which expects integer");
    assertThat(Lam.run(dir, "fork", "a", "--from", "1", "--thread", "a2").code()).isEqualTo(2); // id taken
    assertThat(Lam.run(dir, "fork", "ghost", "--from", "1").code()).isEqualTo(2);
  }

  @Test
  void replayRunsAFinishedThreadAgainAndReportsWhetherItMatches() throws Exception {
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--thread", "a", "-q").code()).isEqualTo(0);
    Lam.Result same = Lam.run(dir, "replay", "a", "--thread", "a-again", "-q");
    assertThat(same.code()).as(same.toString()).isEqualTo(0);
    assertThat(same.out()).isEqualTo("replay a-again matches thread a: done after 201 steps, same path and final state\n");

    Path changed = dir.resolve("changed.yaml");
    Files.writeString(changed, Files.readString(Lam.COUNTER).replace("state.attempts < 100", "state.attempts < 99"));
    Lam.Result differs = Lam.run(dir, "replay", "a", "--workflow", changed, "--json");
    assertThat(differs.code()).isEqualTo(1);
    assertThat(differs.json()).containsEntry("matches", false);
    assertThat((List<Object>) differs.json().get("differences")).contains("steps: 201 vs 199", "channel 'attempts': 100 vs 99");

    assertThat(Lam.run(dir, "run", Lam.workflow("human.yaml"), "--thread", "h", "-q").code()).isEqualTo(3);
    Lam.Result paused = Lam.run(dir, "replay", "h");
    assertThat(paused.code()).isEqualTo(2);
    assertThat(paused.err()).contains("thread 'h' is paused; replay runs a finished (done or failed) thread");
  }
}
