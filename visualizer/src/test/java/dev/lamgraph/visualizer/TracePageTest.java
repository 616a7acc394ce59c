package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace page: legend, timeline table with waterfall, node links, state diffs, map items and child runs. */
class TracePageTest {
  static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  static TraceEvent ev(long step, String kind, String node, long atMs, Map<String, Object> data) {
    return new TraceEvent(0, "t", step, kind, node, T.plusMillis(atMs), data);
  }

  @Test
  void waterfallBarsAreProportionalToDurations() {
    String html = TraceTimeline.render(List.of(
        ev(0, "run_started", null, 0, Map.of("input", Map.of())),
        ev(1, "node_succeeded", "fetch", 100, Map.of("duration_us", 100_000, "update", Map.of("n", 1))),
        ev(2, "node_succeeded", "<b>slow</b>", 400, Map.of("duration_us", 300_000)),
        ev(2, "run_finished", null, 400, Map.of())));
    assertThat(html).contains("<tr class=\"st-ok\" id=\"tl-1\"><td>1</td><td>+100.0ms</td><td>fetch</td><td>100.0ms</td>")
        .contains("style=\"left:0.00%;width:25.00%\"").contains("style=\"left:25.00%;width:75.00%\"")
        .contains("&lt;b&gt;slow&lt;/b&gt;").doesNotContain("<b>slow")
        .contains("n=1").contains("<tr class=\"st-start\" id=\"tl-0\">");
  }

  @Test
  void stateDiffListsAddedRemovedAndChangedKeys() {
    List<StateDiff.Entry> d = StateDiff.of(Map.of("a", 1, "gone", "x", "same", true),
        Map.of("a", 2, "new", "<script>", "same", true));
    assertThat(d).containsExactly(new StateDiff.Entry(StateDiff.Op.CHANGED, "a", "1", "2"),
        new StateDiff.Entry(StateDiff.Op.REMOVED, "gone", "\"x\"", null),
        new StateDiff.Entry(StateDiff.Op.ADDED, "new", null, "\"<script>\""));
    assertThat(StateDiff.html(d)).contains("<li class=\"chg\">~ a: <code>1</code> → <code>2</code></li>")
        .contains("<li class=\"del\">− gone").contains("+ new = <code>&quot;&lt;script&gt;&quot;</code>")
        .doesNotContain("<script>");
    assertThat(StateDiff.html(List.of())).contains("no channel changed");
    String secret = "s3cr3t-" + "x".repeat(200);
    String masked = StateDiff.html(StateDiff.of(Map.of(), Map.of("k", "pre " + "y".repeat(140) + secret)),
        v -> v.replace(secret, "***"));
    assertThat(masked).contains("***").doesNotContain("s3cr3t");
  }

  @Test
  void mapItemsAndChildRunsExpandUnderTheirNode() throws Exception {
    Path yaml = DiagramTest.ROOT.resolve("engine/src/test/resources/workflows/valid/map-subgraph.yaml");
    CompiledGraph g = Compiler.withDefaults().compile(yaml);
    MemoryStore store = new MemoryStore();
    try (Runs runs = new Runs(store, RunOptions.defaults())) {
      runs.start(g, "t-map", Map.of());
    }
    ThreadInfo info = store.thread("t-map").orElseThrow();
    String html = new TracePage(200).render(g, info, store.checkpoints("t-map", 0, info.step()), store.events("t-map"));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/trace-map.html"), html);
    assertThat(html).contains("<h2>Legend</h2>").contains("<b>node kinds</b>").contains(">visited</span>")
        .contains("<h2>Nodes</h2>").contains("<b>each</b> (map) · ran 1× · first at <a href=\"#step-1\">step 1</a>")
        .contains("<details id=\"step-1\">").contains("<table class=\"timeline\">")
        .contains("<details class=\"items\"><summary>3 items</summary>").contains("<td>each[2]</td>").contains("<td>each[0]/summarize</td>")
        .contains("<details class=\"child\"><summary>child run ")
        .doesNotContain("</table>\n<tr")
        .contains("<li class=\"add\">+ summaries = <code>[&quot;walrus (6 letters)&quot;");
  }
}
