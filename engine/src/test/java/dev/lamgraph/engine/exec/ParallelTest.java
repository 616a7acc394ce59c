package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Static fan-out: the branches of a step run at the same time. */
class ParallelTest {
  private final MemoryStore store = new MemoryStore();

  @Test
  void branchesRunConcurrently() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { log: { type: list, reducer: append } }
        nodes:
          a: { type: meet, parties: 3, out: { log: [a] } }
          b: { type: meet, parties: 3, out: { log: [b] } }
          c: { type: meet, parties: 3, out: { log: [c] } }
        edges: [ { from: START, to: [a, b, c] }, { from: [a, b, c], to: END } ]
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      // each branch waited (up to 10 s) until all three were running: run one after the other, they would fail
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("log")).isEqualTo(List.of("a", "b", "c")); // writes applied in declaration order
    }
  }

  @Test
  void wallTimeIsBelowTheSumOfTheBranchTimes() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(JoinTest.VALID.resolve("parallel-sleep.yaml"));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult r = runs.start(g, "t", Map.of());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.state().get("log")).isEqualTo(List.of("a", "b", "c", "done"));
      assertThat(ms).as("3 branches of 600 ms").isGreaterThanOrEqualTo(600).isLessThan(1500);
    }
  }

  @Test
  void conditionalEdgesOutOfParallelBranchesAreFollowedTogether() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { log: { type: list, reducer: append }, n: { type: integer, default: 0 } }
        nodes:
          plan: { type: set, set: { log: "['plan']" } }
          a:    { type: set, set: { log: "['a']" } }
          b:    { type: set, set: { log: "['b']" } }
          x:    { type: set, set: { log: "['x']" } }
          y:    { type: set, set: { log: "['y']" } }
          z:    { type: set, set: { log: "['z']" } }
          end:  { type: set, set: { log: "['end']" } }
        edges:
          - { from: START, to: plan }
          - { from: plan, to: [a, b] }
          - { from: a, when: [ { if: "state.n > 0", to: x } ], else: y }
          - { from: b, when: [ { if: "size(state.log) > 2", to: z } ], else: END }
          - { from: [y, z], to: end }
          - { from: x, to: END }
          - { from: end, to: END }
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.state().get("log")).isEqualTo(List.of("plan", "a", "b", "y", "z", "end"));
    }
    assertThat(store.checkpoints("t", 0, 10)).extracting(Checkpoint::ran).containsExactly(List.of("START"),
        List.of("plan"), List.of("a", "b"), List.of("y", "z"), List.of("end"));
  }

  @Test
  void aCrashInAParallelStepRunsTheWholeStepAgainAndEndsInTheSameState() throws Exception {
    String yaml = """
        name: t
        state: { log: { type: list, reducer: append } }
        nodes:
          a:    { type: sleep, ms: 50, out: { log: [a] } }
          b:    { type: crash, out: { log: [b] } }
          done: { type: set, set: { log: "['done']" } }
        edges: [ { from: START, to: [a, b] }, { from: [a, b], to: done }, { from: done, to: END } ]
        """;
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThatThrownBy(() -> runs.start(JoinTest.compile(yaml), "p", Map.of())).isInstanceOf(TestTypes.SimulatedCrash.class);
    }
    assertThat(store.thread("p").orElseThrow().step()).isZero();
    try (Runs runs = new Runs(store, RunOptions.defaults().withOwner("after-restart"))) {
      RunResult r = runs.resume(JoinTest.compile(yaml), "p", Map.of());
      assertThat(r.state().get("log")).isEqualTo(List.of("a", "b", "done"));
    }
    assertThat(TestTypes.calls("p")).filteredOn(c -> c.startsWith("a@")).containsExactly("a@1#1 key=p:1:a:1", "a@1#1 key=p:1:a:1");
  }
}
