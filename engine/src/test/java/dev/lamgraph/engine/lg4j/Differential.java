package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one workflow on both executors and reduces each run to what must agree. */
final class Differential {
  private Differential() {}

  /**
   * What both executors must agree on. {@code state} is JSON-normalized (Integer/Long and
   * Float/Double are the same JSON number) and holds no top-level null (see NULL_VALUES).
   */
  record Outcome(RunStatus status, long steps, List<String> nodeOrder, Map<String, Object> state, String failureKind,
      String failureNode, String failureMessage) {
    boolean routeFailure() {
      return "expression_error".equals(failureKind) && failureMessage != null && failureMessage.startsWith("condition `");
    }

    Outcome withoutState() {
      return new Outcome(status, steps, nodeOrder, Map.of(), failureKind, failureNode, failureMessage);
    }
  }

  /** Our executor; node order from the {@code node_succeeded} events of committed steps. */
  static Outcome ours(CompiledGraph g, Map<String, Object> input) throws InterruptedException {
    MemoryStore store = new MemoryStore();
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t-ours", input);
      List<String> order = store.events("t-ours").stream()
          .filter(e -> e.kind().equals(TraceEvent.Kind.NODE_SUCCEEDED.id()) && e.step() <= r.steps())
          .map(TraceEvent::node).toList();
      return outcome(r.status(), r.steps(), order, r.state(), r.detail());
    }
  }

  /** langgraph4j through {@link Lg4jRunner} (MemorySaver). */
  static Outcome theirs(CompiledGraph g, Map<String, Object> input) throws Lg4jUnsupportedException {
    Lg4jResult r = new Lg4jRunner(g).run("t-lg4j", input);
    return outcome(r.status(), r.steps(), r.nodeOrder(), r.state(), r.detail());
  }

  private static Outcome outcome(RunStatus status, long steps, List<String> order, Map<String, Object> state,
      Map<String, Object> detail) {
    return new Outcome(status, steps, order, normalize(state), (String) detail.get("kind"), (String) detail.get("node"),
        (String) detail.get("message"));
  }

  /** JSON round trip, then top-level null values removed. */
  static Map<String, Object> normalize(Map<String, Object> state) {
    Map<String, Object> out = new LinkedHashMap<>(Json.readMap(Json.write(state)));
    out.values().removeIf(v -> v == null);
    return out;
  }
}
