package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.Owner;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeCommandTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void failedRunKeepsItsCheckpointsAndFinishesAfterAFix() {
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("divide-by-zero.yaml"), "--thread", "d1");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("lam: run failed at step 2 in node 'divide' (expression_error): "
        + "set.ratio `10 / state.d` failed: division by zero\n");
    assertThat(run.out()).contains("checkpoints up to step 1 are kept in sqlite:")
        .contains("lam state d1 / lam history d1")
        .contains("after fixing the workflow, continue with: lam resume d1 --workflow " + Lam.workflow("divide-by-zero.yaml"))
        .endsWith("thread: d1\n");

    Lam.Result state = Lam.run(dir, "state", "d1");
    assertThat(state.code()).as(state.toString()).isEqualTo(0);
    assertThat(state.out()).contains("thread d1 (divider): failed at step 1")
        .contains("state after step 1 (latest); next: divide")
        .contains("\"n\" : 1")
        .contains("failed: {\"node\":\"divide\",\"kind\":\"expression_error\"");
    Map<String, Object> json = Lam.run(dir, "state", "d1", "--json").json();
    assertThat(json).containsEntry("status", "failed").containsEntry("step", 1L).containsEntry("next", List.of("divide"));
    assertThat((Map<String, Object>) json.get("detail")).containsEntry("kind", "expression_error");

    Lam.Result history = Lam.run(dir, "history", "d1", "--json");
    assertThat(history.code()).isEqualTo(0);
    assertThat(history.jsonList()).extracting(c -> ((Map<String, Object>) c).get("step")).containsExactly(0L, 1L);

    // resuming with the stored (broken) copy fails the same way, and keeps the thread resumable
    Lam.Result again = Lam.run(dir, "resume", "d1");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("division by zero");

    Lam.Result fixed = Lam.run(dir, "resume", "d1", "--workflow", Lam.workflow("divide-fixed.yaml"));
    assertThat(fixed.code()).as(fixed.toString()).isEqualTo(0);
    assertThat(fixed.out()).contains("resuming thread d1 (divider, failed at step 1) with " + Lam.workflow("divide-fixed.yaml"))
        .containsPattern("(?m)^ {5}2  divide .* ratio=5 log=\\[\"divide\"\\]$")
        .contains("\"ratio\" : 5.0")
        .contains("done: divider reached END after 2 steps");
    Map<String, Object> end = Lam.run(dir, "state", "d1", "--json").json();
    assertThat(end).containsEntry("status", "done").containsEntry("step", 2L);
    assertThat((Map<String, Object>) end.get("state")).containsEntry("ratio", 5.0).containsEntry("log", List.of("count", "divide"));
    assertThat(Lam.run(dir, "history", "d1", "--json").jsonList()).hasSize(3);
  }

  @Test
  void pausedRunExitsThreeThenResumeFinishesIt() {
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--thread", "p1", "--input", "who=bob");
    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("paused before node 'publish' after step 1 (the last committed step): approve running 'publish'")
        .contains("continue with: lam resume p1\n")
        .contains("or update the state first: lam resume p1 --input CHANNEL=VALUE...\n").endsWith("thread: p1\n");
    assertThat(Lam.run(dir, "runs").out()).containsPattern("(?m)^p1 +approval +[0-9a-f]{8} +paused +1 ");
    assertThat(Lam.run(dir, "state", "p1").out()).contains("\"draft\" : \"hello bob\"").contains("\"published\" : false")
        // issue 13: the same step number as the run's pause line, and the node the interrupt holds
        .startsWith("thread p1 (approval): paused after step 1 (the last committed step)\n")
        .contains("waiting at interrupt_before of node 'publish': approve running 'publish'\n")
        .contains("continue with: lam resume p1 (or update the state first with --input CHANNEL=VALUE...)\n");

    // at an interrupt, --input is a state update: one naming no channel is refused and changes nothing
    Lam.Result refused = Lam.run(dir, "resume", "p1", "--input", "ok=true");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("lam: error: cannot update unknown channel 'ok'; declared: draft, published; "
        + "thread p1 is still paused: resume it with a valid --input\n");
    assertThat(Lam.run(dir, "runs").out()).containsPattern("(?m)^p1 +approval +[0-9a-f]{8} +paused +1 ");

    Lam.Result resume = Lam.run(dir, "resume", "p1");
    assertThat(resume.code()).as(resume.toString()).isEqualTo(0);
    assertThat(resume.err()).isEmpty();
    assertThat(resume.out()).contains("resuming thread p1 (approval, paused after step 1)")
        .contains("\"published\" : true").contains("done: approval reached END after 2 steps");
    // a finished thread stays finished
    Lam.Result twice = Lam.run(dir, "resume", "p1", "-q");
    assertThat(twice.code()).isEqualTo(0);
    assertThat(twice.out()).startsWith("done: approval reached END after 2 steps").endsWith("thread: p1\n").hasLineCount(2);
    assertThat(Lam.run(dir, "history", "p1", "--json").jsonList()).hasSize(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonResumeOfAPausedRun() {
    Map<String, Object> paused = Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--thread", "p2", "--input", "who=ann",
        "--json").json();
    assertThat(paused).containsEntry("status", "paused").containsEntry("steps", 1L);
    // issue 13: one numbering: the pause's step is the last committed step, in the run's JSON and in `lam state --json`
    assertThat((Map<String, Object>) paused.get("detail")).containsEntry("when", "before").containsEntry("step", 1L);
    Map<String, Object> state = Lam.run(dir, "state", "p2", "--json").json();
    assertThat(state).containsEntry("step", 1L);
    assertThat((Map<String, Object>) state.get("detail")).containsEntry("step", 1L);
    assertThat(Lam.run(dir, "resume", "p2", "--json").json()).containsEntry("status", "done").containsEntry("steps", 2L);
  }

  @Test
  void unknownThreadIsAUsageError() {
    Lam.Result r = Lam.run(dir, "resume", "ghost");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lam: error: no thread 'ghost' in " + "sqlite:" + dir.resolve(".lam/lam.db")
        + "; list the threads with: lam runs\n");
    assertThat(Lam.run(dir, "state", "ghost").code()).isEqualTo(2);
    assertThat(Lam.run(dir, "history", "ghost").code()).isEqualTo(2);
  }

  @Test
  void threadOwnedByALiveProcessIsRefused() {
    assertThat(Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--thread", "busy", "--input", "who=x").code()).isEqualTo(3);
    String other = "1@" + Owner.self().substring(Owner.self().indexOf('@') + 1); // pid 1 is alive
    try (CheckpointStore s = Stores.open("sqlite:" + dir.resolve(".lam/lam.db"), Map.of())) {
      s.claim("busy", other, Owner::alive);
    }
    Lam.Result r = Lam.run(dir, "resume", "busy");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("lam: error: ").contains("busy").contains(other).doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }
}
