package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for NaN and Infinity in state (issue 9, item 9): {@code 0.0 / 0.0} in a set node used
 * to be stored as the string "NaN", after which {@code lam state --checkpoint}, fork, replay and
 * resume failed on the thread. Now the write is refused, on both executors, and the thread keeps
 * every completed step inspectable and resumable.
 */
class NonFiniteNumbersTest {
  static final String REFUSED = "lam: run failed at step 2 in node 'divide' (type_error): node 'divide' wrote NaN to "
      + "channel 'ratio', which expects finite numbers only (a checkpoint is JSON, which has no NaN or Infinity)\n";

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void nanIsRefusedAtTheWriteAndTheThreadStaysInspectableAndResumable() {
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("non-finite.yaml"), "--thread", "nan1");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(REFUSED);
    assertThat(run.out()).contains("checkpoints up to step 1 are kept in").endsWith("thread: nan1\n");

    Lam.Result state = Lam.run(dir, "state", "nan1", "--checkpoint", "1", "--json");
    assertThat(state.code()).as(state.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) state.json().get("state")).containsEntry("n", 1L).containsEntry("ratio", 0.0);
    assertThat(Lam.run(dir, "history", "nan1", "--json").jsonList()).hasSize(2);

    Lam.Result fork = Lam.run(dir, "fork", "nan1", "--from", "1", "--thread", "nan1-fork", "--set", "ratio=2.5");
    assertThat(fork.code()).as(fork.toString()).isEqualTo(0);
    Lam.Result replay = Lam.run(dir, "replay", "nan1", "--thread", "nan1-replay", "-q");
    assertThat(replay.code()).as(replay.toString()).isEqualTo(0);
    assertThat(replay.out()).isEqualTo("replay nan1-replay matches thread nan1: failed after 1 step, same path and final state\n");

    Lam.Result fixed = Lam.run(dir, "resume", "nan1", "--workflow", Lam.workflow("non-finite-fixed.yaml"), "--json");
    assertThat(fixed.code()).as(fixed.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) fixed.json().get("state")).containsEntry("ratio", 0.25)
        .containsEntry("stats", Map.of("low", List.of(1.0, -1.0)));
    assertThat(Lam.run(dir, "state", "nan1", "--checkpoint", "3").code()).isEqualTo(0);
  }

  @Test
  void langgraph4jRefusesTheSameWriteWithTheSameError() {
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("non-finite.yaml"), "--executor", "langgraph4j");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(REFUSED);
    assertThat(run.out()).contains("failed after 1 steps").contains("\"ratio\" : 0.0");
  }

  @Test
  void infinityInInputOrInAForkEditIsRefused() {
    for (String executor : List.of("lamgraph", "langgraph4j")) {
      Lam.Result run = Lam.run(dir, "run", Lam.workflow("non-finite-fixed.yaml"), "--executor", executor,
          "--input", "stats={\"low\":[1, 1e999]}", "-q");
      assertThat(run.code()).as(executor + ": " + run).isEqualTo(1);
      assertThat(run.err()).as(executor).isEqualTo("lam: run failed at step 1 (input_error): input holds Infinity at "
          + ".stats.low[1]; a checkpoint is JSON, which has no NaN or Infinity\n");
    }
    assertThat(Lam.run(dir, "run", Lam.workflow("non-finite-fixed.yaml"), "--thread", "ok1", "-q").code()).isEqualTo(0);
    Lam.Result fork = Lam.run(dir, "fork", "ok1", "--from", "1", "--set", "ratio=-1e999");
    assertThat(fork.code()).as(fork.toString()).isEqualTo(2);
    assertThat(fork.err()).isEqualTo("lam: error: the edits do not fit: node '__fork__' wrote -Infinity to channel "
        + "'ratio', which expects finite numbers only (a checkpoint is JSON, which has no NaN or Infinity)\n");
  }

  @Test
  void anAddChannelWhoseSumOverflowsIsRefused() {
    Path flow = Lam.workflow("overflowing-sum.yaml");
    for (String executor : List.of("lamgraph", "langgraph4j")) {
      Lam.Result run = Lam.run(dir, "run", flow, "--executor", executor, "-q");
      assertThat(run.code()).as(executor + ": " + run).isEqualTo(1);
      assertThat(run.err()).as(executor).isEqualTo("lam: run failed at step 2 in node 'grow' (type_error): node 'grow' "
          + "wrote a sum that overflows to Infinity to channel 'total', which expects finite numbers only "
          + "(a checkpoint is JSON, which has no NaN or Infinity)\n");
    }
  }
}
