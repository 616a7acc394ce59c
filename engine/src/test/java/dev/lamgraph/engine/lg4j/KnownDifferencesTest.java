package dev.lamgraph.engine.lg4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.junit.jupiter.api.Test;

/**
 * The differences between our executor and langgraph4j that remain once a workflow converts,
 * each named, explained and asserted (a fix on either side makes its test fail, so this list
 * cannot go stale). Constructs that do not convert at all are {@link Lg4jGap.Kind}.
 */
class KnownDifferencesTest {
  /** Run-time differences, with the reason. */
  enum KnownDifference {
    NULL_VALUES("langgraph4j's AgentState.updateState drops a key whose value is null, so a channel holding null "
        + "in our state is absent from langgraph4j's; the differential suite compares states with top-level nulls "
        + "removed (nulls inside values survive)"),
    UNGUARDED_PARALLEL_MERGE("langgraph4j's ParallelNode returns the whole merged state, which the runner reduces "
        + "a second time: append/add channels would get a fan-out's writes twice; Lg4jGraphs installs "
        + "ParallelMergeGuard (a wrap-call node hook) so the differential runs agree"),
    NODE_INTERRUPT("a node returning NodeResult.interrupt pauses our run for a person; the langgraph4j backend "
        + "has no resume path for it and fails the run with kind 'unsupported'");

    final String reason;

    KnownDifference(String reason) {
      this.reason = reason;
    }
  }

  private static CompiledGraph compile(String yaml) throws Exception {
    return Compiler.withDefaults().compileText("t.yaml", yaml, Path.of("."));
  }

  @Test
  void nullValues() throws Exception {
    CompiledGraph g = compile("""
        name: t
        state: { s: { type: string, default: "x" }, n: { type: integer, default: 0 } }
        nodes:
          clear: { type: set, set: { s: "null" } }
          next:  { type: set, set: { n: "1" } }
        edges: [ { from: START, to: clear }, { from: clear, to: next }, { from: next, to: END } ]
        """);
    RunResult ours;
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      ours = runs.start(g, "t", Map.of());
    }
    Lg4jResult theirs = new Lg4jRunner(g).run("t", Map.of());
    assertThat(ours.status()).isEqualTo(RunStatus.DONE);
    assertThat(ours.state()).containsEntry("s", null).containsEntry("n", 1L);
    assertThat(theirs.status()).isEqualTo(RunStatus.DONE);
    assertThat(theirs.state()).doesNotContainKey("s").isEqualTo(Map.of("n", 1L));
    assertThat(Differential.normalize(ours.state())).isEqualTo(theirs.state());
    assertThat(KnownDifference.NULL_VALUES.reason).contains("null");
  }

  @Test
  void unguardedParallelMerge() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(DifferentialTest.FIXTURES.resolve("differential/fan-out-join.yaml"));
    Lg4jResult guarded = new Lg4jRunner(g).run("t", Map.of());
    Lg4jResult raw = new Lg4jRunner(Lg4jGraphs.convert(g, false), new MemorySaver()).run("t", Map.of());
    @SuppressWarnings("unchecked") List<Object> log = (List<Object>) guarded.state().get("log");
    assertThat(log).containsExactly("plan", "search", "fetch", "fetch2", "rank", "merge:10");
    assertThat(guarded.state()).containsEntry("hits", 10L).containsEntry("winner", "rank");
    assertThat(((List<?>) raw.state().get("log")).subList(0, 3)).isEqualTo(List.of("plan", "plan", "search"));
    assertThat(raw.state()).isNotEqualTo(guarded.state());
    assertThat(raw.nodeOrder()).isEqualTo(guarded.nodeOrder());
  }

  @Test
  void nodeInterrupt() throws Exception {
    CompiledGraph g = new Compiler(TestNodeTypes.withTestTypes()).compileText("t.yaml", """
        name: t
        nodes: { approve: { type: ask } }
        edges: [ { from: START, to: approve }, { from: approve, to: END } ]
        """, Path.of("."));
    RunResult ours;
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      ours = runs.start(g, "t", Map.of());
    }
    Lg4jResult theirs = new Lg4jRunner(g).run("t", Map.of());
    assertThat(ours.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(theirs.status()).isEqualTo(RunStatus.FAILED);
    assertThat(theirs.detail()).containsEntry("node", "approve").containsEntry("kind", "unsupported");
  }
}
