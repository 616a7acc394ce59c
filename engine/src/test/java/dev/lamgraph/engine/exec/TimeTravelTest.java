package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History, state at a checkpoint, fork and replay. */
class TimeTravelTest {
  static final String COUNTER = """
      name: counter
      state:
        n:   { type: integer, default: 0 }
        log: { type: list, reducer: append }
      nodes:
        start: { type: set, set: { log: "['start']" } }
        inc:   { type: set, set: { n: "state.n + 1", log: "['inc' + string(state.n + 1)]" } }
      edges:
        - { from: START, to: start }
        - { from: start, to: inc }
        - { from: inc, when: [ { if: "state.n < 3", to: inc } ], else: END }
      limits: { max_steps: 50 }
      """;

  private final MemoryStore store = new MemoryStore();
  /** A clock that moves one second per reading, so checkpoint times are distinct and known. */
  private final Clock clock = new Clock() {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofSeconds(1));
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };
  private final Runs runs = new Runs(store, RunOptions.defaults().withClock(clock));

  @Test
  void historyListsEveryCheckpointWithItsNodesTimeAndNext() throws Exception {
    CompiledGraph g = JoinTest.compile(COUNTER);
    runs.start(g, "t", Map.of());
    List<HistoryEntry> h = runs.history("t");
    assertThat(h).extracting(HistoryEntry::step).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(h).extracting(HistoryEntry::nodes)
        .containsExactly(List.of("START"), List.of("start"), List.of("inc"), List.of("inc"), List.of("inc"));
    assertThat(h).extracting(HistoryEntry::next)
        .containsExactly(List.of("start"), List.of("inc"), List.of("inc"), List.of("inc"), List.of());
    assertThat(h).extracting(HistoryEntry::time).isSorted().doesNotHaveDuplicates();
    assertThat(runs.stateAt(g, "t", 2)).isEqualTo(Map.of("n", 1L, "log", List.of("start", "inc1")));
  }

  @Test
  void aForkStartsFromACheckpointWithEditsAndLeavesTheOriginalUntouched() throws Exception {
    CompiledGraph g = JoinTest.compile(COUNTER);
    RunResult original = runs.start(g, "t", Map.of());
    List<Checkpoint> before = store.checkpoints("t", 0, 100);
    List<TraceEvent> eventsBefore = store.events("t");

    RunResult f = runs.fork(g, "t", 2, Map.of("n", 2L, "log", List.of("edited")), "t-b");
    assertThat(f.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(f.detail()).containsEntry("when", "fork").containsEntry("forked_from", "t").containsEntry("from_step", 2L);
    List<Checkpoint> forked = store.checkpoints("t-b", 0, 100);
    assertThat(forked.subList(0, 3)).isEqualTo(before.subList(0, 3)); // the same history up to the checkpoint
    assertThat(forked.get(3).ran()).containsExactly("__fork__");
    assertThat(forked.get(3).next()).containsExactly("inc");
    assertThat(runs.stateAt(g, "t-b", 3)).isEqualTo(Map.of("n", 2L, "log", List.of("edited"))); // replaced, not appended

    RunResult done = runs.resume(g, "t-b", Map.of());
    assertThat(done.status()).isEqualTo(RunStatus.DONE);
    assertThat(done.state()).isEqualTo(Map.of("n", 3L, "log", List.of("edited", "inc3")));
    assertThat(store.checkpoints("t", 0, 100)).isEqualTo(before);
    assertThat(store.events("t")).isEqualTo(eventsBefore);
    assertThat(runs.resume(g, "t", Map.of()).state()).isEqualTo(original.state());
    assertThat(store.events("t-b").get(0).data()).containsEntry("forked_from", "t").containsEntry("from_step", 2L);
  }

  @Test
  void aForkWithBadEditsOrABadCheckpointIsRefusedAndCreatesNothing() throws Exception {
    CompiledGraph g = JoinTest.compile(COUNTER);
    runs.start(g, "t", Map.of());
    assertThatThrownBy(() -> runs.fork(g, "t", 9, Map.of(), "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkpoints 0 to 4; there is no checkpoint 9");
    assertThatThrownBy(() -> runs.fork(g, "t", 1, Map.of("m", 1), "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot set unknown channel 'm'; declared: n, log");
    assertThatThrownBy(() -> runs.fork(g, "t", 1, Map.of("n", "two"), "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrote string to channel 'n', which expects integer");
    assertThat(store.thread("x")).isEmpty();
  }

  @Test
  void aForkAtACheckpointWithAWaitingJoinKeepsTheArrivals() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("join.yaml"));
    runs.start(g, "t", Map.of());
    RunResult f = runs.fork(g, "t", 2, Map.of(), "t-b"); // fetch has arrived at the join, read is next
    RunResult done = runs.resume(g, f.threadId(), Map.of());
    assertThat(done.state().get("log")).isEqualTo(List.of("plan", "search", "fetch", "read", "merge:4"));
  }

  @Test
  void aForkOfTheStartCheckpointRunsTheWholeWorkflowFromEditedState() throws Exception {
    CompiledGraph g = JoinTest.compile(COUNTER);
    runs.start(g, "t", Map.of());
    RunResult f = runs.fork(g, "t", 0, Map.of("n", 2L), null);
    assertThat(f.threadId()).startsWith("t-fork0-");
    assertThat(runs.resume(g, f.threadId(), Map.of()).state()).isEqualTo(Map.of("n", 3L, "log", List.of("start", "inc3")));
  }

  @Test
  void aForkCanGoToAChosenNodeInsteadOfTheCheckpointsNext() throws Exception {
    CompiledGraph g = JoinTest.compile(COUNTER);
    runs.start(g, "t", Map.of());
    RunResult f = runs.fork(g, "t", 0, Map.of("n", 2L), "t-goto", List.of("inc")); // step 0 would run start
    assertThat(f.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(f.detail()).containsEntry("goto", List.of("inc"));
    RunResult done = runs.resume(g, "t-goto", Map.of());
    assertThat(done.status()).isEqualTo(RunStatus.DONE);
    assertThat(done.state()).isEqualTo(Map.of("n", 3L, "log", List.of("inc3"))); // start never ran
    assertThat(runs.history("t-goto")).extracting(HistoryEntry::nodes)
        .containsExactly(List.of("START"), List.of("__fork__"), List.of("inc"));

    assertThatThrownBy(() -> runs.fork(g, "t", 0, Map.of(), "t-bad", List.of("nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot go to 'nope'").hasMessageContaining("start, inc");
    assertThatThrownBy(() -> runs.fork(g, "t", 0, Map.of(), "t-bad", List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.thread("t-bad")).isEmpty();
  }

  @Test
  void replayRunsAFinishedThreadAgainAndReportsAMatch() throws Exception {
    CompiledGraph g = JoinTest.compile(COUNTER);
    runs.start(g, "t", Map.of("n", 1));
    ReplayResult r = runs.replay(g, "t", "t-again");
    assertThat(r.matches()).isTrue();
    assertThat(r.differences()).isEmpty();
    assertThat(r.result().state()).isEqualTo(Map.of("n", 3L, "log", List.of("start", "inc2", "inc3")));
    assertThat(store.thread("t-again").orElseThrow().inputJson()).isEqualTo("{\"n\":1}");
  }

  @Test
  void replayWithAChangedWorkflowReportsWhatDiffers() throws Exception {
    runs.start(JoinTest.compile(COUNTER), "t", Map.of());
    CompiledGraph changed = JoinTest.compile(COUNTER.replace("state.n < 3", "state.n < 2"));
    ReplayResult r = runs.replay(changed, "t", null);
    assertThat(r.matches()).isFalse();
    assertThat(r.differences()).containsExactly("path: step 4 ran [inc] vs nothing", "steps: 4 vs 3", "channel 'n': 3 vs 2",
        "channel 'log': [\"start\",\"inc1\",\"inc2\",\"inc3\"] vs [\"start\",\"inc1\",\"inc2\"]");
  }

  @Test
  void replayNeedsAFinishedThread() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("approve-plan.yaml"));
    runs.start(g, "t", Map.of());
    assertThatThrownBy(() -> runs.replay(g, "t", null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("thread 't' is paused");
  }
}
