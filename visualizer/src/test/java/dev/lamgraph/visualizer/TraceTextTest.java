package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `lam trace` text, golden with a fixed (ticking) clock; and the JSON events round-trip. */
class TraceTextTest {
  static final Path GOLDEN = Path.of("src/test/resources/traces");

  static MemoryStore run(Path yaml, String thread) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(yaml);
    MemoryStore store = new MemoryStore();
    RunOptions o = RunOptions.defaults().withClock(new TickingClock(Instant.parse("2026-01-02T03:04:05Z"), 250));
    try (Runs runs = new Runs(store, o)) {
      runs.start(g, thread, Map.of());
    }
    return store;
  }

  @Test
  void failedRunTimeline() throws Exception {
    MemoryStore s = run(Path.of("src/test/resources/runs/fails.yaml"), "t-fails");
    String text = new TraceText(100).render(s.thread("t-fails").orElseThrow(), s.events("t-fails"));
    Golden.assertMatches(GOLDEN.resolve("fails.txt"), text);
    assertThat(text).contains("FAILED").contains("division by zero").contains("totals: 5 steps");
  }

  @Test
  void longRunIsSummarised() throws Exception {
    MemoryStore s = run(DiagramTest.ROOT.resolve("graphs/counter.yaml"), "t-loop");
    String text = new TraceText(10).render(s.thread("t-loop").orElseThrow(), s.events("t-loop"));
    Golden.assertMatches(GOLDEN.resolve("counter.txt"), text);
    assertThat(text.lines().count()).isLessThan(30);
    assertThat(text).contains("lines not shown").contains("totals: 201 steps").contains("201 node runs");
  }

  @Test
  void eventsRoundTripThroughJson() throws Exception {
    MemoryStore s = run(DiagramTest.ROOT.resolve("graphs/counter.yaml"), "t-json");
    for (TraceEvent e : s.events("t-json")) {
      String line = Json.write(e);
      TraceEvent back = Json.MAPPER.readValue(line, TraceEvent.class);
      assertThat(back).isEqualTo(e);
    }
    assertThat(s.events("t-json")).extracting(TraceEvent::kind).contains("run_started", "node_started",
        "node_succeeded", "checkpoint_saved", "run_finished");
    assertThat(List.copyOf(s.events("t-json")).get(0).seq()).isEqualTo(1);
  }
}
