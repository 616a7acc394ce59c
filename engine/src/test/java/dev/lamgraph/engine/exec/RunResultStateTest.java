package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regressions found by the langgraph4j differential suite ({@code lg4j.DifferentialTest}). */
class RunResultStateTest {
  private static RunResult run(String yaml, Map<String, Object> input) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("t.yaml", yaml, Path.of("."));
    try (Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      return runs.start(g, "t", input);
    }
  }

  @Test
  void typeErrorDoesNotLeaveEarlierUpdatesOfTheFailedStepInTheState() throws Exception {
    RunResult r = run("""
        name: t
        state: { n: { type: integer, default: 0 }, log: { type: list, reducer: append }, num: { type: integer }, data: { type: any } }
        nodes:
          first:  { type: set, set: { n: "1", data: "{'k': 'text'}" } }
          second: { type: set, set: { log: "['second']", n: "2", num: "state.data.k" } }
        edges: [ { from: START, to: first }, { from: first, to: second }, { from: second, to: END } ]
        """, Map.of());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "type_error").containsEntry("node", "second");
    assertThat(r.steps()).isEqualTo(1);
    assertThat(r.state()).isEqualTo(Map.of("n", 1L, "log", List.of(), "data", Map.of("k", "text")));
  }

  @Test
  void failingRouteConditionReportsTheCommittedStateNotTheUncommittedWrites() throws Exception {
    RunResult r = run("""
        name: t
        state: { n: { type: integer, default: 0 }, m: { type: object, default: {} } }
        nodes: { a: { type: set, set: { n: "state.n + 1" } } }
        edges:
          - { from: START, to: a }
          - { from: a, when: [ { if: "state.m.missing > 0", to: a } ], else: END }
        """, Map.of());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", "expression_error").containsEntry("node", "a");
    assertThat(r.steps()).isZero();
    assertThat(r.state()).isEqualTo(Map.of("n", 0L, "m", Map.of()));
  }

  @Test
  void inputSeededIntoAnAppendChannelIsNotMutatedByTheRun() throws Exception {
    List<Object> seed = new ArrayList<>(List.of("seeded"));
    RunResult r = run("""
        name: t
        state: { log: { type: list, reducer: append }, seen: { type: list } }
        nodes:
          a: { type: set, set: { log: "['a']" } }
          b: { type: set, set: { seen: "input.log" } }
        edges: [ { from: START, to: a }, { from: a, to: b }, { from: b, to: END } ]
        """, Map.of("log", seed));
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("log")).isEqualTo(List.of("seeded", "a"));
    assertThat(seed).containsExactly("seeded");
    assertThat(r.state().get("seen")).isEqualTo(List.of("seeded"));
  }
}
