package dev.lamgraph.engine.lg4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.state.StateSnapshot;
import org.junit.jupiter.api.Test;

class Lg4jRunnerTest {
  @Test
  void counterRunsOnMemorySaverAndItsCheckpointsHoldTheStates() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(DifferentialTest.ROOT.resolve("graphs/counter.yaml"));
    Lg4jRunner runner = new Lg4jRunner(g);
    Lg4jResult r = runner.run("t-1", Map.of());
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.steps()).isEqualTo(201);
    assertThat(r.nodeOrder()).hasSize(201).startsWith("plan", "tool", "review", "tool").endsWith("review");
    assertThat(r.state()).containsEntry("attempts", 100L).containsEntry("cost", 50.0)
        .containsEntry("notes", Map.of("goal", "count to 100", "last_review", 100L));
    List<?> log = (List<?>) r.state().get("log");
    assertThat(log).hasSize(101);
    assertThat(List.of(log.get(0), log.get(1), log.get(100))).isEqualTo(List.of("plan", 1L, 100L));

    var history = new ArrayList<>(runner.compiled().getStateHistory(RunnableConfig.builder().threadId("t-1").build()));
    assertThat(history).hasSize(1 + 201); // START, then one checkpoint per step; newest first
    StateSnapshot<LamState> last = history.get(0);
    assertThat(last.state().data()).isEqualTo(r.state());
    assertThat(history.get(history.size() - 1).state().data()).containsEntry("attempts", 0L).containsEntry("log", List.of());
  }

  @Test
  void stateSerializerIsJsonAndKeepsNumberTypesNestedNullsAndLargeStrings() throws Exception {
    LamStateSerializer s = new LamStateSerializer();
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("none", null);
    inner.put("list", Arrays.asList(1L, 2.0, null, "ü€", true));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("n", 3L);
    data.put("x", 1.0);
    data.put("big", "y".repeat(200_000));
    data.put("inner", inner);
    byte[] bytes = s.dataToBytes(data);
    Map<String, Object> back = s.dataFromBytes(bytes);
    assertThat(back).isEqualTo(data);
    assertThat(back.get("n")).isInstanceOf(Long.class);
    assertThat(back.get("x")).isInstanceOf(Double.class);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("{\"n\":3,\"x\":1.0,");
    assertThat(s.contentType()).isEqualTo("application/json");
    assertThat(s.cloneObject(data).data()).isEqualTo(data);
  }

  @Test
  void convertedStateGraphRunsDirectlyWithARunnableConfigCarryingTheInput() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(DifferentialTest.FIXTURES.resolve("differential/start-conditional.yaml"));
    var compiled = Lg4jGraphs.toStateGraph(g).compile(CompileConfig.builder().recursionLimit(50).build());
    LamState end = compiled.invoke(GraphInput.args(Map.of()), Lg4jGraphs.runnableConfig("t", Map.of("mode", "slow")))
        .orElseThrow();
    assertThat(end.data()).isEqualTo(Map.of("path", List.of("slow", "fast", "done")));
  }

  @Test
  void nodesSeeTheSameContextOnBothExecutors() throws Exception {
    CompiledGraph g = new Compiler(TestNodeTypes.withTestTypes()).compileText("t.yaml", """
        name: t
        state: { probes: { type: list, reducer: append }, n: { type: integer, reducer: add, default: 0 } }
        nodes:
          first: { type: probe }
          left:  { type: probe }
          flaky: { type: probe, retry: { max_attempts: 2, backoff: { initial: 1ms } } }
          join:  { type: probe }
        edges:
          - { from: START, to: first }
          - { from: first, to: [flaky, left] }
          - { from: left, to: join }
          - { from: flaky, to: join }
          - { from: join, to: END }
        """, Path.of("."));
    Map<String, Object> input = Map.of("x", "in");
    MemoryStore store = new MemoryStore();
    RunResult ours;
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      ours = runs.start(g, "t", input);
    }
    Lg4jResult theirs = new Lg4jRunner(g).run("t", input);
    assertThat(ours.status()).isEqualTo(RunStatus.DONE);
    assertThat(Differential.normalize(theirs.state())).isEqualTo(Differential.normalize(ours.state()));
    List<?> probes = (List<?>) theirs.state().get("probes");
    assertThat(probes).hasSize(4);
    assertThat(probes.get(2)).isEqualTo(Map.of("node", "flaky", "step", 2L, "attempt", 2L, "x", "in", "n", 1L));
    List<Lg4jResult.Event> ourEvents = store.events("t").stream().filter(e -> e.kind().equals("probe"))
        .map(e -> new Lg4jResult.Event(e.step(), e.node(), e.kind(), e.data())).sorted(BY_STEP_NODE).toList();
    assertThat(theirs.events().stream().sorted(BY_STEP_NODE).toList()).isEqualTo(ourEvents).hasSize(4);
    assertThat(store.events("t").stream().filter(e -> e.kind().equals(TraceEvent.Kind.NODE_RETRY.id()))).hasSize(1);
  }

  private static final java.util.Comparator<Lg4jResult.Event> BY_STEP_NODE =
      java.util.Comparator.comparingLong(Lg4jResult.Event::step).thenComparing(Lg4jResult.Event::node);

  @Test
  void aThreadIdIsNotReusedOnTheSameSaver() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(DifferentialTest.FIXTURES.resolve("differential/reducers.yaml"));
    Lg4jRunner runner = new Lg4jRunner(g);
    assertThat(runner.run("t", Map.of()).status()).isEqualTo(RunStatus.DONE);
    assertThatThrownBy(() -> runner.run("t", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thread 't' already has checkpoints");
    assertThat(runner.run("t2", Map.of()).state()).isEqualTo(runner.run("t3", Map.of()).state());
  }
}
