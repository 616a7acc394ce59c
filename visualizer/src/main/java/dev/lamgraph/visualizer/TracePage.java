package dev.lamgraph.visualizer;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code lam trace THREAD --html FILE}: one self-contained page with the run drawn on its graph,
 * the timeline, and each step's update and state before/after. Runs longer than {@code maxSteps}
 * show the first and last steps only, so the page stays small.
 */
public final class TracePage {
  private final int maxSteps;

  public TracePage(int maxSteps) {
    this.maxSteps = maxSteps;
  }

  /**
   * @param checkpoints the thread's checkpoints from step 0, in order (step 0 holds a snapshot)
   */
  public String render(CompiledGraph graph, ThreadInfo thread, List<Checkpoint> checkpoints, List<TraceEvent> events)
      throws StateTypeException {
    GraphView view = GraphView.of(graph);
    String mermaid = new MermaidWriter().write(view, RunOverlay.of(view, thread, checkpoints));
    String timeline = "<pre>" + HtmlPage.escape(new TraceText(0).render(thread, events)) + "</pre>";
    return HtmlPage.render("run " + thread.id() + " · " + thread.workflow() + " · " + thread.status().id(), mermaid,
        List.of(new HtmlPage.Section("Timeline", timeline), new HtmlPage.Section("Steps", steps(graph, checkpoints))));
  }

  private String steps(CompiledGraph graph, List<Checkpoint> checkpoints) throws StateTypeException {
    if (checkpoints.isEmpty() || checkpoints.get(0).snapshotJson() == null) return "<p>no checkpoints</p>";
    Map<String, Object> state = Json.readMap(checkpoints.get(0).snapshotJson());
    int total = checkpoints.size() - 1;
    int half = maxSteps / 2;
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < checkpoints.size(); i++) {
      Checkpoint cp = checkpoints.get(i);
      boolean shown = total <= maxSteps || i <= half || i > total - half;
      String before = shown ? Json.pretty(state) : null;
      StateLog.apply(graph, state, StateLog.decode(cp.writesJson()));
      if (!shown) {
        if (i == half + 1) sb.append("<p>… ").append(total - 2 * half).append(" steps not shown …</p>\n");
        continue;
      }
      String after = Json.pretty(state);
      List<String> writes = new ArrayList<>();
      for (StateLog.Write w : StateLog.decode(cp.writesJson())) writes.add(w.node() + " " + Json.write(w.updates()));
      sb.append("<details><summary>step ").append(cp.step()).append(" · ")
          .append(HtmlPage.escape(String.join(", ", cp.ran()))).append(" → ")
          .append(HtmlPage.escape(cp.next().isEmpty() ? "END" : String.join(", ", cp.next()))).append("</summary>\n")
          .append("<h4>update</h4><pre>").append(HtmlPage.escape(String.join("\n", writes))).append("</pre>\n")
          .append("<h4>state before</h4><pre>").append(HtmlPage.escape(before)).append("</pre>\n")
          .append("<h4>state after</h4><pre>").append(HtmlPage.escape(after)).append("</pre>\n</details>\n");
    }
    return sb.toString();
  }
}
