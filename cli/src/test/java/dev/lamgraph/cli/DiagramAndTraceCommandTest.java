package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lam diagram (files, overlay) and lam trace (text, JSON lines, HTML). */
class DiagramAndTraceCommandTest {
  @TempDir Path dir;

  static String threadOf(Lam.Result r) {
    return (String) r.json().get("thread");
  }

  @Test
  void diagramPrintsMermaidAndWritesEveryTextFormat() throws Exception {
    Lam.Result r = Lam.run(dir, "diagram", Lam.AGENT_LOOP);
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo(Files.readString(Lam.ROOT.resolve("graphs/agent-loop.mmd")));
    assertThat(Lam.run(dir, "diagram", Lam.AGENT_LOOP, "--direction", "LR").out()).contains("flowchart LR");
    for (String ext : List.of("mmd", "md", "html")) {
      Lam.Result w = Lam.run(dir, "diagram", Lam.AGENT_LOOP, "-o", "out." + ext);
      assertThat(w.code()).as(w.toString()).isEqualTo(0);
    }
    assertThat(Files.readString(dir.resolve("out.md"))).startsWith("# agent-loop\n\n```mermaid\n---\ntitle: agent-loop");
    assertThat(Files.readString(dir.resolve("out.html"))).contains("<pre class=\"mermaid\">").contains("mermaid.initialize");
    assertThat(Lam.run(dir, "diagram", Lam.AGENT_LOOP, "-o", "out.png").code()).isEqualTo(2);
    Lam.Result svg = Lam.runWithEnv(dir, Map.of("PATH", "/nonexistent"), "diagram", Lam.AGENT_LOOP, "-o", "out.svg");
    assertThat(svg.code()).isEqualTo(1);
    assertThat(svg.err()).contains("SVG export needs the Mermaid CLI");
  }

  @Test
  void diagramOverlaysARunAndTraceShowsItsTimeline() throws Exception {
    String store = "sqlite:" + dir.resolve("lam.db");
    Lam.Result run = Lam.run(dir, "run", Lam.COUNTER, "--store", store, "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    String thread = threadOf(run);

    Lam.Result overlay = Lam.run(dir, "diagram", "--run", thread, "--store", store);
    assertThat(overlay.code()).as(overlay.toString()).isEqualTo(0);
    assertThat(overlay.out()).contains("n2[\"tool ×100\"]").contains("class lam_start,n1,n2,n3,lam_end visited");

    Lam.Result trace = Lam.run(dir, "trace", thread, "--store", store);
    assertThat(trace.code()).as(trace.toString()).isEqualTo(0);
    assertThat(trace.out()).contains("run " + thread + " · workflow counter · done · 201 steps")
        .contains("lines not shown").contains("totals: 201 steps");
    assertThat(Lam.run(dir, "trace", thread, "--store", store, "--all").out()).doesNotContain("lines not shown")
        .contains("attempts=50");

    Lam.Result json = Lam.run(dir, "trace", thread, "--store", store, "--json");
    List<Map<String, Object>> events = json.out().lines().map(Json::readMap).toList();
    assertThat(events.get(0)).containsEntry("kind", "run_started").containsEntry("seq", 1L).containsKeys("time", "data");
    assertThat(events.get(events.size() - 1)).containsEntry("kind", "run_finished");
    assertThat(events).filteredOn(e -> "node_succeeded".equals(e.get("kind"))).hasSize(201);

    Lam.Result html = Lam.run(dir, "trace", thread, "--store", store, "--html", "trace.html");
    assertThat(html.code()).as(html.toString()).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("trace.html"))).contains("<h2>Timeline</h2>").contains("<h2>Steps</h2>")
        .contains("state before").contains("tool ×100").contains("<h2>Legend</h2>").contains("<b>node kinds</b>")
        .contains("<table class=\"timeline\">").contains("<tr class=\"st-ok\" id=\"tl-1\">")
        .contains("<b>tool</b> (set) · ran 100× · first at <a href=\"#step-2\">step 2</a>")
        .contains("<details id=\"step-2\">").contains("<li class=\"chg\">~ attempts: <code>0</code> → <code>1</code></li>");
    assertThat(Lam.run(dir, "trace", "no-such-thread", "--store", store).code()).isEqualTo(2);
  }
}
