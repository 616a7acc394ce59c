package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for issue 9 item 7: {@code limits.timeout} was checked only between steps, so
 * a node with {@code timeout: 1h} ran for as long as it liked. The run's deadline now bounds every
 * node call: the node is stopped, the run fails (kind {@code timeout}) and stays resumable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunTimeoutTest {
  private final MemoryStore store = new MemoryStore();
  @TempDir Path dir;

  /** count (committed), then a node that would sleep {@code slow} (100 s), allowed 1 h, retried 3 times. */
  private static CompiledGraph graph(String slow, String limits) throws Exception {
    return JoinTest.compile("""
        name: t
        state: { n: { type: integer, reducer: add, default: 0 }, ms: { type: integer, default: 100000 } }
        nodes:
          count: { type: set, set: { n: "1" } }
          slow:  { %s, timeout: 1h, retry: { max_attempts: 3 }, out: { n: 10 } }
        edges: [ { from: START, to: count }, { from: count, to: slow }, { from: slow, to: END } ]
        limits: %s
        """.formatted(slow, limits));
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void aNodeStillRunningWhenTheRunsTimeIsUpIsStoppedAndTheRunFailsResumable() throws Exception {
    // 2 s: time enough for `count` to commit first, however slow the machine
    CompiledGraph g = graph("type: sleep, ms_from: ms", "{ timeout: 2s }");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult r = runs.start(g, "rt-stuck", Map.of());
      assertThat(millisSince(t0)).isBetween(1_900L, 30_000L); // was: the full 100 s
      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      assertThat(r.detail()).containsEntry("node", "slow").containsEntry("kind", "timeout").containsEntry("step", 2L)
          .containsEntry("message", "run exceeded limits.timeout (2s) while node 'slow' was running; it was stopped");
      assertThat(r.steps()).isEqualTo(1);
      assertThat(r.state()).containsEntry("n", 1L);
      assertThat(TestTypes.calls("rt-stuck")).extracting(c -> c.substring(0, c.indexOf(' ')))
          .containsExactly("slow@2#1"); // out of time: not retried
      assertThat(store.events("rt-stuck")).filteredOn(e -> e.kind().equals(TraceEvent.Kind.NODE_FAILED.id()))
          .extracting(e -> e.node() + " " + e.data().get("kind")).containsExactly("slow run_timeout");

      // resumable from its last committed step: the fixed workflow runs only `slow`
      RunResult fixed = runs.resume(graph("type: sleep, ms: 10", "{ timeout: 2s }"), "rt-stuck", Map.of());
      assertThat(fixed.status()).isEqualTo(RunStatus.DONE);
      assertThat(fixed.state()).containsEntry("n", 11L); // count (n + 1) ran once, slow (n + 10) once
      assertThat(TestTypes.calls("rt-stuck")).extracting(c -> c.substring(0, c.indexOf(' ')))
          .containsExactly("slow@2#1", "slow@2#1");
    }
  }

  @Test
  void aShorterNodeTimeoutStillFailsTheNodeAndIsRetried() throws Exception {
    // the node's own timeout, shorter than the time left, is a node failure, retried as before
    CompiledGraph own = JoinTest.compile("""
        name: t
        state: { n: { type: integer, reducer: add, default: 0 } }
        nodes: { slow: { type: sleep, ms: 100000, timeout: 200ms, retry: { max_attempts: 2 } } }
        edges: [ { from: START, to: slow }, { from: slow, to: END } ]
        limits: { timeout: 1h }
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(own, "rt-own", Map.of());
      assertThat(r.detail()).containsEntry("kind", "timeout").containsEntry("message", "node 'slow' timed out after 200 ms");
      assertThat(TestTypes.calls("rt-own")).hasSize(2);
    }
  }

  @Test
  void aNodeThatIgnoresInterruptsCannotHoldTheRunPastItsTimeAndGrace() throws Exception {
    CompiledGraph g = graph("type: stubborn, ms: 20000", "{ timeout: 2s }");
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult r = runs.start(g, "rt-stubborn", Map.of());
      // the limit, then NodeTask.GRACE for it to end; the node keeps its pool thread until it returns
      assertThat(millisSince(t0)).isLessThan(2000 + NodeTask.GRACE.toMillis() + 10_000); // not the node's 20 s
      assertThat(r.detail()).containsEntry("kind", "timeout").containsEntry("node", "slow");
      assertThat(r.state()).containsEntry("n", 1L);
    }
  }

  @Test
  void aRetryBackoffDoesNotOutliveTheRun() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { n: { type: integer, default: 0 } }
        nodes: { f: { type: flaky, times: 5, retry: { max_attempts: 5, backoff: { initial: 1h, max: 1h } } } }
        edges: [ { from: START, to: f }, { from: f, to: END } ]
        limits: { timeout: 2s }
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult r = runs.start(g, "rt-backoff", Map.of());
      assertThat(millisSince(t0)).isLessThan(30_000); // not the hour of backoff
      assertThat(r.detail()).containsEntry("kind", "timeout").containsEntry("node", "f");
      assertThat(TestTypes.calls("rt-backoff")).hasSize(1);
    }
  }

  @Test
  void theItemsOfAMapAreStoppedAndNoneStartsAfterwards() throws Exception {
    CompiledGraph g = JoinTest.compile("""
        name: t
        state: { items: { type: list }, item: { type: any }, result: { type: any }, results: { type: list } }
        nodes:
          m: { type: map, over: items, item: item, collect: result, output: results, max_concurrency: 2,
               node: { type: sleep, ms: 100000 } }
        edges: [ { from: START, to: m }, { from: m, to: END } ]
        limits: { timeout: 2s }
        """);
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult r = runs.start(g, "rt-map", Map.of("items", List.of(1, 2, 3, 4, 5)));
      assertThat(millisSince(t0)).isLessThan(30_000);
      assertThat(r.detail()).containsEntry("kind", "timeout").containsEntry("node", "m");
      Thread.sleep(Duration.ofMillis(300).toMillis()); // no item is started once the map is stopped
      assertThat(TestTypes.calls("rt-map")).hasSize(2);
    }
  }

  @Test
  void theParentsTimeStopsASubgraphsChildAndBothResumeWhereTheyStopped() throws Exception {
    Files.writeString(dir.resolve("parent.yaml"), """
        name: parent
        state: { log: { type: list, reducer: append } }
        nodes:
          before: { type: set, set: { log: "['before']" } }
          sub: { type: subgraph, workflow: child.yaml, output: { log: "state.log" } }
        edges: [ { from: START, to: before }, { from: before, to: sub }, { from: sub, to: END } ]
        limits: { timeout: 2s }
        """);
    String child = """
        name: child
        state: { log: { type: list, reducer: append } }
        nodes:
          first:  { type: set, set: { log: "['first']" } }
          middle: { type: sleep, ms: %d }
        edges: [ { from: START, to: first }, { from: first, to: middle }, { from: middle, to: END } ]
        """;
    Files.writeString(dir.resolve("child.yaml"), child.formatted(100_000));
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult r = runs.start(Compiler.withDefaults().compile(dir.resolve("parent.yaml")), "rt-parent", Map.of());
      assertThat(millisSince(t0)).isLessThan(30_000);
      assertThat(r.detail()).containsEntry("kind", "timeout").containsEntry("node", "sub");
      assertThat(store.thread("rt-parent/sub@2").orElseThrow().step()).isEqualTo(1); // the child committed `first`

      Files.writeString(dir.resolve("child.yaml"), child.formatted(1));
      RunResult done = runs.resume(Compiler.withDefaults().compile(dir.resolve("parent.yaml")), "rt-parent", Map.of());
      assertThat(done.status()).isEqualTo(RunStatus.DONE);
      assertThat(done.state().get("log")).isEqualTo(List.of("before", "first")); // `first` ran once
    }
  }
}
