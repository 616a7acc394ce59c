package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.lg4j.Lg4jGraphs;
import dev.lamgraph.engine.lg4j.Lg4jResult;
import dev.lamgraph.engine.lg4j.Lg4jRunner;
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
    } catch (dev.lamgraph.engine.lg4j.Lg4jUnsupportedException e) {
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
      t.out().println(Json.pretty(m));
    } else {
      t.out().println("ran " + graph.name() + " on langgraph4j (in memory, not checkpointed): " + r.status().id()
          + " after " + r.steps() + " steps; nodes: " + clip(String.join(" → ", r.nodeOrder())));
      t.out().println(Json.pretty(r.state()));
    }
    if (r.status() == dev.lamgraph.engine.store.RunStatus.FAILED) {
      Object node = r.detail().get("node");
      t.err().println("lam: run failed at step " + r.detail().get("step") + (node == null ? "" : " in node '" + node + "'")
          + " (" + r.detail().get("kind") + "): " + ErrorHandler.oneLine(String.valueOf(r.detail().get("message"))));
    }
    return switch (r.status()) {
      case DONE -> ExitCodes.OK;
      case PAUSED -> ExitCodes.PAUSED;
      default -> ExitCodes.FAILED;
    };
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 199) + "…";
  }
}
