package dev.lamgraph.nodes.toolnode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.nodes.tool.ToolFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running type: tool nodes: fixed calls with save, popped plan steps, allow-lists, fail_on_error. */
class ToolNodeRunTest {
  static RunResult run(String node, Map<String, Object> input) throws Exception {
    String text = ToolNodeCheckTest.workflow(node).replace("  idx:", "  sum: { type: number }\n  idx:");
    try (CompiledGraph g = ToolFixtures.compiler(Map.of()).compileText("t.yaml", text, Path.of("."));
        Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      return runs.start(g, "t", input);
    }
  }

  static List<Object> observations(RunResult r) {
    return List.copyOf((List<?>) r.state().get("obs"));
  }

  @Test
  void aFixedCallEvaluatesItsArgumentsAndSavesFromTheResult() throws Exception {
    RunResult r = run("{ type: tool, tool: add, args: { a: \"state.n * 10\", b: 2.5 }, output: obs, save: { sum: \"result\" } }", Map.of());
    assertThat(r.state().get("sum")).isEqualTo(12.5);
    assertThat(observations(r)).containsExactly((Object) Map.of("tool", "add", "ok", true, "value", 12.5));
  }

  @Test
  void withoutACursorTheFirstStepIsPoppedAndRun() throws Exception {
    List<Object> plan = List.of(Map.of("tool", "add", "arguments", "{\"a\": 1, \"b\": 2}"), Map.of("tool", "slow"));
    RunResult r = run("{ type: tool, plan: plan, output: obs }", Map.of("plan", plan));
    assertThat(r.state().get("plan")).isEqualTo(List.of(Map.of("tool", "slow")));
    assertThat(observations(r)).containsExactly((Object) Map.of("tool", "add", "ok", true, "value", 3.0, "step", 0L));
  }

  @Test
  void planStepsOutsideTheAllowListBadStepsAndAnEmptyPlanAreObservations() throws Exception {
    RunResult refused = run("{ type: tool, plan: plan, cursor: idx, allow: [add], output: obs }",
        Map.of("plan", List.of(Map.of("tool", "slow"))));
    assertThat(refused.status()).isEqualTo(RunStatus.DONE);
    assertThat(((Map<?, ?>) observations(refused).get(0)).get("error_kind")).isEqualTo("refused");
    assertThat(refused.state().get("idx")).isEqualTo(1L);
    RunResult bad = run("{ type: tool, plan: plan, cursor: idx, output: obs }", Map.of("plan", List.of("just text")));
    assertThat(((Map<?, ?>) observations(bad).get(0)).get("error_kind")).isEqualTo("invalid_step");
    RunResult done = run("{ type: tool, plan: plan, cursor: idx, output: obs }", Map.of("plan", List.of()));
    assertThat(((Map<?, ?>) observations(done).get(0)).get("error_kind")).isEqualTo("plan_done");
    assertThat(done.state().get("idx")).isEqualTo(0L);
  }

  @Test
  void failOnErrorFailsTheNodeWithTheErrorKind() throws Exception {
    RunResult observed = run("{ type: tool, tool: slow, output: obs }", Map.of());
    assertThat(observed.status()).isEqualTo(RunStatus.DONE);
    assertThat(observations(observed)).containsExactly((Object) Map.of("tool", "slow", "ok", false, "error_kind", "timeout",
        "error", "tool 'slow' timed out after 300 ms"));
    RunResult failed = run("{ type: tool, tool: slow, output: obs, fail_on_error: true }", Map.of());
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.detail().toString()).contains("timeout").contains("tool 'slow' failed (timeout)");
    assertThat(failed.state().get("obs")).isEqualTo(List.of());
  }
}
