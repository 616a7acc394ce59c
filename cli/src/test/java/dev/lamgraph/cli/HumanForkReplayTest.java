package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: one resume answers a fork made just before a human node; replay re-supplies recorded answers and edits. */
class HumanForkReplayTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void oneResumeAnswersAForkMadeJustBeforeAHumanNode() {
    assertThat(Lam.run(dir, "run", Lam.workflow("human.yaml"), "--thread", "h", "-q").code()).isEqualTo(3);
    assertThat(Lam.run(dir, "resume", "h", "--input", "approved=true", "-q").code()).isEqualTo(0);
    // fork at checkpoint 1 (draft ran, approve next), change the plan, and answer differently in one resume
    Lam.Result f = Lam.run(dir, "fork", "h", "--from", "1", "--set", "plan=[\"search\"]", "--thread", "h2", "-q");
    assertThat(f.code()).as(f.toString()).isEqualTo(0);
    Lam.Result bad = Lam.run(dir, "resume", "h2", "--input", "approved=perhaps");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("the answer to node 'approve' does not match its schema").contains("thread h2 is still paused");
    Lam.Result r = Lam.run(dir, "resume", "h2", "--input", "approved=false", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) r.json().get("state")).containsEntry("plan", List.of("search"))
        .containsEntry("approval", Map.of("approved", false)).containsEntry("log", List.of("stopped"));
    // a fork before a non-human node still takes the input as a state edit
    Lam.Result loud = Lam.run(dir, "fork", "h", "--from", "1", "--thread", "h4");
    assertThat(loud.code()).as(loud.toString()).isEqualTo(0);
    assertThat(loud.out()).contains("node 'approve' asks a person next: answer it with lam resume h4 --input KEY=VALUE")
        .doesNotContain("run it with:");
    Lam.Result early = Lam.run(dir, "fork", "h", "--from", "0", "--thread", "h5");
    assertThat(early.out()).as("the fork at 0 runs other nodes before the question").contains("run it with: lam resume h5")
        .doesNotContain("asks a person next");
    assertThat(Lam.run(dir, "fork", "h", "--from", "0", "--thread", "h3", "-q").code()).isEqualTo(0);
    Lam.Result edit = Lam.run(dir, "resume", "h3", "--input", "plan=[\"x\"]");
    assertThat(edit.code()).as(edit.toString()).isEqualTo(3); // draft runs, then approve asks
    assertThat(edit.out()).contains("__human__ (state edit)");
  }

  @Test
  void replayOfAnAnsweredThreadReSuppliesTheAnswersAndEdits() {
    assertThat(Lam.run(dir, "run", Lam.workflow("human.yaml"), "--thread", "h", "-q").code()).isEqualTo(3);
    assertThat(Lam.run(dir, "resume", "h", "--input-file", Lam.workflow("answer.json"), "-q").code()).isEqualTo(0);
    Lam.Result r = Lam.run(dir, "replay", "h", "--thread", "h-again", "-q");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("replay h-again matches thread h: done after 3 steps, same path and final state\n");

    assertThat(Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--input", "who=ann", "--thread", "a", "-q").code()).isEqualTo(3);
    assertThat(Lam.run(dir, "resume", "a", "--input", "draft=edited", "-q").code()).isEqualTo(0);
    r = Lam.run(dir, "replay", "a", "--thread", "a-again", "-q");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).startsWith("replay a-again matches thread a:");
    assertThat(Lam.run(dir, "runs").out()).doesNotContain("paused");
  }
}
