package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.lg4j.Lg4jGraphs;
import dev.lamgraph.engine.lg4j.Lg4jResult;
import dev.lamgraph.engine.lg4j.Lg4jRunner;
import dev.lamgraph.engine.lg4j.Lg4jUnsupportedException;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code lam run --executor langgraph4j}: the compiled workflow on langgraph4j, in memory. */
final class Lg4jRun {
  private Lg4jRun() {}

  static int run(Terminal t, CompiledGraph graph, String thread, Map<String, Object> input, boolean json) {
    var gaps = Lg4jGraphs.gaps(graph);
    if (!gaps.isEmpty()) {
      throw CliException.usage("langgraph4j cannot run this workflow: " + String.join("; ",
          gaps.stream().map(g -> g.kind().id() + " (" + g.kind().reason() + ")").distinct().toList()));
    }
    String id = thread == null ? Runs.newThreadId(graph.name()) : thread;
    Lg4jResult r;
    try {
      r = new Lg4jRunner(graph).run(id, input);
    } catch (Lg4jUnsupportedException e) {
      throw CliException.usage("langgraph4j cannot run this workflow: " + e.getMessage());
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("executor", "langgraph4j");
      m.put("thread", id);
      m.put("status", r.status().id());
      m.put("steps", r.steps());
      m.put("nodes", r.nodeOrder());
      m.put("state", r.state());
      if (!r.detail().isEmpty()) m.put("detail", r.detail());
      t.out().println(Json.pretty(m));
    } else {
      t.out().println("ran " + graph.name() + " on langgraph4j (in memory, not checkpointed): " + r.status().id()
          + " after " + r.steps() + " steps; nodes: " + clip(String.join(" → ", r.nodeOrder())));
      t.out().println(Json.pretty(r.state()));
    }
    if (r.status() == RunStatus.FAILED) failed(t, r);
    return switch (r.status()) {
      case DONE -> ExitCodes.OK;
      case PAUSED -> ExitCodes.PAUSED;
      default -> ExitCodes.FAILED;
    };
  }

  /** The same error line as a failed run on our executor (see {@code Outcome}). */
  private static void failed(Terminal t, Lg4jResult r) {
    Map<String, Object> d = r.detail();
    Object node = d.get("node");
    t.err().println("lam: run failed at step " + d.getOrDefault("step", r.steps() + 1)
        + (node == null ? "" : " in node '" + node + "'") + " (" + d.getOrDefault("kind", "error") + "): "
        + ErrorHandler.oneLine(String.valueOf(d.getOrDefault("message", "the run failed"))));
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 199) + "…";
  }
}
