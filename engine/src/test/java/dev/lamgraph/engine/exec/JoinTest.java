package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting edges ({@code from: [a, b]}): the target runs once, after all sources, and survives a crash. */
class JoinTest {
  static final Path VALID = Path.of("src/test/resources/workflows/valid").toAbsolutePath();

  static CompiledGraph compile(String yaml) throws Exception {
    return Compiler.withDefaults().compileText("t.yaml", yaml, Path.of("."));
  }

  @Test
  void theTargetRunsOnceInTheStepAfterItsLastSourceEvenWhenBranchesDifferInLength() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(VALID.resolve("join.yaml"));
    MemoryStore store = new MemoryStore();
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("log")).isEqualTo(List.of("plan", "search", "fetch", "read", "merge:4"));
      assertThat(r.steps()).isEqualTo(4);
    }
    List<Checkpoint> cps = store.checkpoints("t", 0, 4);
    assertThat(cps.get(2).ran()).containsExactly("search", "fetch");
    assertThat(cps.get(2).next()).containsExactly("read"); // merge is not scheduled yet...
    assertThat(StateLog.meta(cps.get(2).writesJson()))     // ...but fetch's arrival is stored with the step
        .isEqualTo(Map.of("joins", List.of(Map.of("join", "[read, fetch] -> merge", "arrived", List.of("fetch")))));
    assertThat(cps.get(3).next()).containsExactly("merge");
    assertThat(StateLog.meta(cps.get(3).writesJson())).isEmpty();
  }

  @Test
  void withoutAJoinTheSameEdgesRunTheTargetOncePerArrival() throws Exception {
    CompiledGraph g = compile("""
        name: t
        state: { log: { type: list, reducer: append } }
        nodes:
          plan:   { type: set, set: { log: "['plan']" } }
          search: { type: set, set: { log: "['search']" } }
          read:   { type: set, set: { log: "['read']" } }
          fetch:  { type: set, set: { log: "['fetch']" } }
          merge:  { type: set, set: { log: "['merge']" } }
        edges:
          - { from: START, to: plan }
          - { from: plan, to: [search, fetch] }
          - { from: search, to: read }
          - { from: read, to: merge }
          - { from: fetch, to: merge }
          - { from: merge, to: END }
        """);
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      assertThat(runs.start(g, "t", Map.of()).state().get("log"))
          .isEqualTo(List.of("plan", "search", "fetch", "read", "merge", "merge"));
    }
  }

  @Test
  void aJoinRearmsAfterFiringSoALoopJoinsEveryRound() throws Exception {
    CompiledGraph g = compile("""
        name: t
        state: { log: { type: list, reducer: append }, n: { type: integer, reducer: add, default: 0 } }
        nodes:
          plan: { type: set, set: { n: "1" } }
          a:    { type: set, set: { log: "['a' + string(state.n)]" } }
          b:    { type: set, set: { log: "['b' + string(state.n)]" } }
          b2:   { type: set, set: { log: "['b2-' + string(state.n)]" } }
          c:    { type: set, set: { log: "['c' + string(state.n)]" } }
        edges:
          - { from: START, to: plan }
          - { from: plan, to: [a, b] }
          - { from: b, to: b2 }
          - { from: [a, b2], to: c }
          - { from: c, when: [ { if: "state.n < 2", to: plan } ], else: END }
        limits: { max_steps: 20 }
        """);
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      assertThat(r.state().get("log")).isEqualTo(List.of("a1", "b1", "b2-1", "c1", "a2", "b2", "b2-2", "c2"));
    }
  }

  @Test
  void aJoinSurvivesACrashBeforeItsLastSourceCommits() throws Exception {
    String yaml = """
        name: t
        state: { log: { type: list, reducer: append } }
        nodes:
          plan:   { type: set, set: { log: "['plan']" } }
          search: { type: set, set: { log: "['search']" } }
          read:   { type: crash, out: { log: [read] } }
          fetch:  { type: set, set: { log: "['fetch']" } }
          merge:  { type: set, set: { log: "['merge']" } }
        edges:
          - { from: START, to: plan }
          - { from: plan, to: [search, fetch] }
          - { from: search, to: read }
          - { from: [read, fetch], to: merge }
          - { from: merge, to: END }
        """;
    CompiledGraph g = compile(yaml);
    MemoryStore store = new MemoryStore();
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThatThrownBy(() -> runs.start(g, "crashy", Map.of())).isInstanceOf(TestTypes.SimulatedCrash.class);
    }
    assertThat(store.thread("crashy").orElseThrow().step()).isEqualTo(2); // read's step was never committed
    try (Runs again = new Runs(store, RunOptions.defaults().withOwner("another-process"))) {
      RunResult r = again.resume(compile(yaml), "crashy", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(r.state().get("log")).isEqualTo(List.of("plan", "search", "fetch", "read", "merge"));
    }
  }

  @Test
  void aJoinSurvivesAPauseInADurableStoreReopenedByAnotherProcess(@TempDir Path dir) throws Exception {
    String yaml = java.nio.file.Files.readString(VALID.resolve("join.yaml"))
        .replace("read:   { type: set,", "read:   { type: set, interrupt_before: true,");
    Path db = dir.resolve("lam.db");
    try (CheckpointStore store = SqliteStore.open(db); Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(compile(yaml), "t", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(r.detail()).containsEntry("node", "read").containsEntry("when", "before");
    }
    try (CheckpointStore store = SqliteStore.open(db); Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.resume(compile(yaml), "t", Map.of());
      assertThat(r.state().get("log")).isEqualTo(List.of("plan", "search", "fetch", "read", "merge:4"));
    }
  }
}
