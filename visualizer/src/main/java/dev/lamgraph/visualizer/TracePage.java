package dev.lamgraph.visualizer;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code lam trace THREAD --html FILE}: one self-contained page with the run drawn on its graph, a
 * legend of its colours, the graph's nodes linked to the first step each ran in, the timeline as a
 * table with a waterfall of durations (map items and child runs expandable), and each step's
 * update, state diff and state before/after. Runs longer than {@code maxSteps} show the first and
 * last steps only, so the page stays small.
 */
public final class TracePage {
  private final int maxSteps;
  private final UnaryOperator<String> redact;

  public TracePage(int maxSteps) {
    this(maxSteps, UnaryOperator.identity());
  }

  /**
   * @param redact masks secrets in state values before the page shortens them (the whole page is
   *     still to be redacted by the caller)
   */
  public TracePage(int maxSteps, UnaryOperator<String> redact) {
    this.maxSteps = maxSteps;
    this.redact = redact;
  }

  /**
   * @param checkpoints the thread's checkpoints from step 0, in order (step 0 holds a snapshot)
   */
  public String render(CompiledGraph graph, ThreadInfo thread, List<Checkpoint> checkpoints, List<TraceEvent> events)
      throws StateTypeException {
    GraphView view = GraphView.of(graph);
    String mermaid = new MermaidWriter().write(view, RunOverlay.of(view, thread, checkpoints));
    List<Long> shownSteps = new ArrayList<>();
    String steps = steps(graph, checkpoints, shownSteps);
    String timeline = TraceTimeline.render(events) + "<pre>" + HtmlPage.escape(totals(thread, events)) + "</pre>";
    return HtmlPage.render("run " + thread.id() + " · " + thread.workflow() + " · " + thread.status().id(), mermaid,
        List.of(new HtmlPage.Section("Legend", Legend.html()),
            new HtmlPage.Section("Nodes", nodes(view, checkpoints, shownSteps)),
            new HtmlPage.Section("Timeline", timeline), new HtmlPage.Section("Steps", steps)));
  }

  /** The totals and final status lines of the text timeline. */
  private static String totals(ThreadInfo thread, List<TraceEvent> events) {
    String text = new TraceText(1).render(thread, events);
    int at = text.indexOf("\ntotals: ");
    return at < 0 ? text : text.substring(at + 1);
  }

  /** Each node of the graph with its kind, how often it ran, and a link to the first step it ran in. */
  private static String nodes(GraphView view, List<Checkpoint> checkpoints, List<Long> shownSteps) {
    Map<String, Long> first = new LinkedHashMap<>();
    Map<String, Integer> runs = new LinkedHashMap<>();
    for (Checkpoint cp : checkpoints) {
      if (cp.step() == 0) continue;
      for (String n : cp.ran()) {
        first.putIfAbsent(n, cp.step());
        runs.merge(n, 1, Integer::sum);
      }
    }
    StringBuilder sb = new StringBuilder("<ul class=\"nodes\">\n");
    for (GraphView.Node n : view.nodes()) {
      sb.append("<li><span class=\"box kind_").append(Shapes.cssName(n.kind())).append("\" style=\"")
          .append(Legend.css(Shapes.style("kind_" + Shapes.cssName(n.kind())))).append("\"></span><b>")
          .append(HtmlPage.escape(n.name())).append("</b> (").append(HtmlPage.escape(n.kind())).append(")");
      Long step = first.get(n.name());
      if (step == null) {
        sb.append(" · not run");
      } else {
        String target = shownSteps.contains(step) ? "step-" + step : "tl-" + step;
        sb.append(" · ran ").append(runs.get(n.name())).append("× · first at <a href=\"#").append(target)
            .append("\">step ").append(step).append("</a>");
      }
      sb.append("</li>\n");
    }
    return sb.append("</ul>\n").toString();
  }

  private String steps(CompiledGraph graph, List<Checkpoint> checkpoints, List<Long> shownSteps)
      throws StateTypeException {
    if (checkpoints.isEmpty() || checkpoints.get(0).snapshotJson() == null) return "<p>no checkpoints</p>";
    Map<String, Object> state = Json.readMap(checkpoints.get(0).snapshotJson());
    int total = checkpoints.size() - 1;
    int half = maxSteps / 2;
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < checkpoints.size(); i++) {
      Checkpoint cp = checkpoints.get(i);
      boolean shown = total <= maxSteps || i <= half || i > total - half;
      Map<String, Object> before = shown ? Json.readMap(Json.write(state)) : null;
      StateLog.apply(graph, state, StateLog.decode(cp.writesJson()));
      if (!shown) {
        if (i == half + 1) sb.append("<p>… ").append(total - 2 * half).append(" steps not shown …</p>\n");
        continue;
      }
      shownSteps.add(cp.step());
      List<String> writes = new ArrayList<>();
      for (StateLog.Write w : StateLog.decode(cp.writesJson())) writes.add(w.node() + " " + Json.write(w.updates()));
      sb.append("<details id=\"step-").append(cp.step()).append("\"><summary>step ").append(cp.step()).append(" · ")
          .append(HtmlPage.escape(String.join(", ", cp.ran()))).append(" → ")
          .append(HtmlPage.escape(cp.next().isEmpty() ? "END" : String.join(", ", cp.next()))).append("</summary>\n")
          .append("<h4>changed</h4>").append(StateDiff.html(StateDiff.of(before, Json.readMap(Json.write(state))), redact))
          .append("<h4>update</h4><pre>").append(HtmlPage.escape(String.join("\n", writes))).append("</pre>\n")
          .append("<h4>state before</h4><pre>").append(HtmlPage.escape(Json.pretty(before))).append("</pre>\n")
          .append("<h4>state after</h4><pre>").append(HtmlPage.escape(Json.pretty(state))).append("</pre>\n</details>\n");
    }
    return sb.toString();
  }
}
