package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run overlay for a run that looped, one that failed and one that paused. */
class RunOverlayTest {
  record Drawn(RunResult result, RunOverlay overlay, String text) {}

  static Drawn run(Path yaml) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(yaml);
    MemoryStore store = new MemoryStore();
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      GraphView view = GraphView.of(g);
      RunOverlay o = RunOverlay.of(view, store.thread("t").orElseThrow(), store.checkpoints("t", 0, Long.MAX_VALUE));
      return new Drawn(r, o, new MermaidWriter().write(view, o));
    }
  }

  @Test
  void loopingRunCountsVisitsAndMarksTakenEdges(@TempDir Path tmp) throws Exception {
    Drawn d = run(DiagramTest.ROOT.resolve("graphs/counter.yaml"));
    assertThat(d.result().status()).isEqualTo(RunStatus.DONE);
    assertThat(d.overlay().visits()).isEqualTo(Map.of("plan", 1, "tool", 100, "review", 100));
    assertThat(d.overlay().taken()).containsExactlyInAnyOrder(RunOverlay.key("START", "plan"), RunOverlay.key("plan", "tool"),
        RunOverlay.key("tool", "review"), RunOverlay.key("review", "tool"), RunOverlay.key("review", "END"));
    assertThat(d.text()).contains("n2[\"tool ×100\"]").contains("class lam_start,n1,n2,n3,lam_end visited")
        .contains("linkStyle 0,1,2,3,4 ");
    parse(tmp, d.text());
  }

  @Test
  void failedRunMarksTheFailingNodeAndTheEdgeThatLedThere(@TempDir Path tmp) throws Exception {
    Drawn d = run(Path.of("src/test/resources/runs/fails.yaml"));
    assertThat(d.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(d.overlay().failed()).isEqualTo("divide");
    assertThat(d.overlay().visits()).isEqualTo(Map.of("count", 3, "divide", 2));
    assertThat(d.overlay().finished()).isFalse();
    assertThat(d.overlay().taken()).contains(RunOverlay.key("count", "divide")).doesNotContain(RunOverlay.key("divide", "END"));
    assertThat(d.text()).contains("class n2 failed").doesNotContain("lam_end visited");
    parse(tmp, d.text());
  }

  @Test
  void pausedRunMarksTheNodeItWaitsBefore(@TempDir Path tmp) throws Exception {
    Drawn d = run(Path.of("src/test/resources/runs/pauses.yaml"));
    assertThat(d.result().status()).isEqualTo(RunStatus.PAUSED);
    assertThat(d.overlay().paused()).isEqualTo("act");
    assertThat(d.overlay().visits()).isEqualTo(Map.of("plan", 1));
    assertThat(d.text()).contains("class n2 paused").contains("linkStyle 0,1 ");
    parse(tmp, d.text());
  }

  @Test
  void theNodesRunningNowAreDrawnAsCurrent(@TempDir Path tmp) throws Exception {
    Drawn d = run(Path.of("src/test/resources/runs/pauses.yaml"));
    GraphView view = GraphView.of(Compiler.withDefaults().compile(Path.of("src/test/resources/runs/pauses.yaml")));
    String text = new MermaidWriter().write(view, d.overlay(), List.of("act", "no-such-node"));
    assertThat(text).startsWith(d.text()).endsWith("  classDef current stroke:#0969da,stroke-width:5px\n  class n2 current\n");
    assertThat(new MermaidWriter().write(view, d.overlay(), List.of())).isEqualTo(d.text());
    parse(tmp, text);
  }

  private static void parse(Path tmp, String text) throws Exception {
    Path f = tmp.resolve("overlay.mmd");
    Files.writeString(f, text);
    assertThat(MermaidParser.parse(List.of(f))).isEmpty();
  }
}
