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

  @Test
  void modelCallsWithACostAreTotalledPerModel() throws Exception {
    MemoryStore s = run(Path.of("src/test/resources/runs/fails.yaml"), "t-cost");
    List<TraceEvent> events = new java.util.ArrayList<>(s.events("t-cost"));
    Instant at = events.get(1).time();
    events.add(2, new TraceEvent(90, "t-cost", 1, "model_call", "a", at,
        Map.of("model", "gpt-4o-mini", "input_tokens", 1000L, "output_tokens", 100L, "duration_ms", 5L, "cost_usd", 0.0035)));
    events.add(3, new TraceEvent(91, "t-cost", 1, "model_call", "a", at,
        Map.of("model", "gpt-4o-mini", "input_tokens", 1000L, "output_tokens", 0L, "duration_ms", 5L, "cost_usd", 0.0025)));
    events.add(4, new TraceEvent(92, "t-cost", 1, "model_call", "a", at,
        Map.of("model", "local", "input_tokens", 10L, "output_tokens", 1L, "duration_ms", 5L)));
    String text = new TraceText(100).render(s.thread("t-cost").orElseThrow(), events);
    assertThat(text).contains("1000 in / 100 out tokens · ~$0.0035").contains("3 model calls")
        .contains("estimated cost: $0.0060 (gpt-4o-mini $0.0060; from the models' prices:)");
    String none = new TraceText(100).render(s.thread("t-cost").orElseThrow(), s.events("t-cost"));
    assertThat(none).doesNotContain("estimated cost");
  }
}
