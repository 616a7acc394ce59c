package dev.lamgraph.server.studio;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.SealedStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.AssistantJson;
import dev.lamgraph.server.langgraph.Ids;
import dev.lamgraph.server.runs.ServerRun;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.visualizer.GraphView;
import dev.lamgraph.visualizer.MermaidWriter;
import dev.lamgraph.visualizer.RunOverlay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the studio's pages show, as JSON-shaped maps (masked by the route that answers them): the
 * workflows with their diagram, diagnostics and input schema; the threads; one thread with its run
 * drawn on the diagram, its timeline, and each checkpoint's state with a diff against the previous.
 */
final class StudioViews {
  /** At most this many checkpoints are shown on a thread's page (the latest ones). */
  static final int MAX_CHECKPOINTS = 300;
  /** At most this many trace events are shown (the latest ones). */
  static final int MAX_EVENTS = 2000;
  private final ServerContext ctx;

  StudioViews(ServerContext ctx) {
    this.ctx = ctx;
  }

  Map<String, Object> workflow(ServedWorkflow w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", w.name());
    m.put("assistant_id", Ids.assistantId(w.name()));
    m.put("file", w.file().toString());
    m.put("runnable", w.runnable());
    m.put("current", w.current());
    m.put("version", w.version());
    m.put("loaded", w.loaded().toString());
    m.put("diagnostics", AssistantJson.diagnostics(w.diagnostics()));
    if (w.graph() != null) {
      m.put("description", w.graph().spec().description());
      GraphView view = GraphView.of(w.graph());
      m.put("mermaid", new MermaidWriter().write(view));
      m.put("nodes", view.nodes().stream().map(n -> Map.of("name", n.name(), "kind", n.kind())).toList());
      m.put("input_schema", AssistantJson.stateSchema(w.graph(), w.name()));
    }
    return m;
  }

  Map<String, Object> threadSummary(ThreadInfo t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread_id", t.id());
    m.put("workflow", t.workflow());
    m.put("status", t.status().id());
    m.put("step", t.step());
    m.put("owner", t.owner());
    m.put("langgraph_thread", ctx.threads().threadOf(t.id()));
    m.put("created", t.created() == null ? null : t.created().toString());
    m.put("updated", t.updated() == null ? null : t.updated().toString());
    Map<String, Object> detail = detail(t);
    if (!detail.isEmpty()) m.put("detail", detail);
    return m;
  }

  /** A thread's page: summary, diagram with the run, pending question, timeline, checkpoints. */
  Map<String, Object> thread(ThreadInfo t) {
    CheckpointStore store = SealedStore.wrap(ctx.store(), ctx.redactor(), ctx.env());
    Map<String, Object> m = threadSummary(t);
    runs(m, t);
    m.put("input", t.inputJson() == null ? Map.of() : Json.readMap(t.inputJson()));
    CompiledGraph g = graph(t);
    List<Checkpoint> cps = store.checkpoints(t.id(), 0, t.step());
    if (g != null) {
      GraphView view = GraphView.of(g);
      List<String> current = List.of();
      if (t.status() == RunStatus.RUNNING && !cps.isEmpty()) current = cps.get(cps.size() - 1).next();
      m.put("mermaid", new MermaidWriter().write(view, RunOverlay.of(view, t, cps), current));
      m.put("current", current);
      m.put("channels", new ArrayList<>(g.channels().keySet()));
    } else {
      m.put("graph_problem", "the workflow stored with this thread does not compile with this build");
    }
    if (t.status() == RunStatus.PAUSED) m.put("pending", pending(detail(t)));
    List<TraceEvent> all = store.events(t.id());
    m.put("events", events(all.subList(Math.max(0, all.size() - MAX_EVENTS), all.size())));
    m.put("events_left_out", Math.max(0, all.size() - MAX_EVENTS));
    m.put("checkpoints", g == null ? List.of() : checkpoints(t.id(), g, cps));
    return m;
  }

  /**
   * The LangGraph thread this lamgraph thread is a link of: its head link (where it goes on), and
   * its server runs, newest first, with the one active now ({@code active_run}: its id, to cancel it).
   */
  private void runs(Map<String, Object> m, ThreadInfo t) {
    String lg = ctx.threads().threadOf(t.id());
    m.put("head", ctx.threads().head(lg).map(ThreadInfo::id).orElse(t.id()));
    List<Map<String, Object>> runs = new ArrayList<>();
    for (ServerRun r : ctx.runs().list(lg)) runs.add(r.json());
    m.put("runs", runs);
    m.put("active_run", activeRun(t));
  }

  /**
   * A thread a run of this server is about to create (the run was accepted; its first checkpoint is
   * not stored yet): status {@code pending}, nothing run. Empty when no such run is known.
   */
  java.util.Optional<Map<String, Object>> starting(String id) {
    String lg = ctx.threads().threadOf(id);
    boolean known = (lg.equals(id) && ctx.threads().exists(id))
        || ctx.runs().list(lg).stream().anyMatch(r -> id.equals(r.link()));
    if (!known) return java.util.Optional.empty();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread_id", id);
    m.put("status", "pending");
    m.put("step", 0);
    m.put("langgraph_thread", lg);
    m.put("input", Map.of());
    m.put("events", List.of());
    m.put("checkpoints", List.of());
    m.put("graph_problem", "the run has not started yet");
    List<Map<String, Object>> runs = new ArrayList<>();
    for (ServerRun r : ctx.runs().list(lg)) runs.add(r.json());
    m.put("runs", runs);
    m.put("head", id);
    m.put("active_run", null);
    return java.util.Optional.of(m);
  }

  /** The id of the server run active now on lamgraph thread {@code t} (running or finishing), or null. */
  String activeRun(ThreadInfo t) {
    for (ServerRun r : ctx.runs().list(ctx.threads().threadOf(t.id()))) {
      if (!r.finished() && t.id().equals(r.link())) return r.runId();
    }
    return null;
  }

  private static Map<String, Object> pending(Map<String, Object> d) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("node", d.get("node"));
    p.put("prompt", d.get("prompt"));
    p.put("when", d.get("when"));
    Object schema = d.get("schema");
    if (schema instanceof String s && !s.isBlank()) {
      try {
        schema = Json.read(s);
      } catch (RuntimeException e) {
        schema = null;
      }
    }
    p.put("schema", schema);
    return p;
  }

  private static List<Map<String, Object>> events(List<TraceEvent> events) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TraceEvent e : events) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("step", e.step());
      m.put("kind", e.kind());
      m.put("node", e.node());
      m.put("time", e.time() == null ? null : e.time().toString());
      m.put("data", e.data());
      out.add(m);
    }
    return out;
  }

  /**
   * Each checkpoint (the latest {@link #MAX_CHECKPOINTS}) with its writes, the state after it and
   * the channels it changed: {@code {channel, change: added|removed|changed, before, after}}.
   */
  private static List<Map<String, Object>> checkpoints(String threadId, CompiledGraph g, List<Checkpoint> cps) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (cps.isEmpty() || cps.get(0).snapshotJson() == null) return out;
    Map<String, Object> state = Json.readMap(cps.get(0).snapshotJson());
    int first = Math.max(0, cps.size() - MAX_CHECKPOINTS);
    Map<String, Object> before = Map.of();
    for (int i = 0; i < cps.size(); i++) {
      Checkpoint cp = cps.get(i);
      if (i > 0) {
        try {
          StateLog.apply(g, state, StateLog.decode(cp.writesJson()));
        } catch (StateTypeException e) {
          break; // a checkpoint the current workflow cannot read: the page shows those before it
        }
      }
      Map<String, Object> after = Json.readMap(Json.write(state));
      if (i >= first) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", cp.step());
        m.put("checkpoint_id", Ids.checkpointId(threadId, cp.step()));
        m.put("ran", cp.ran());
        m.put("next", cp.next());
        m.put("time", cp.time() == null ? null : cp.time().toString());
        List<Map<String, Object>> writes = new ArrayList<>();
        for (StateLog.Write w : StateLog.decode(cp.writesJson())) writes.add(Map.of("node", w.node(), "updates", w.updates()));
        m.put("writes", writes);
        m.put("state", after);
        m.put("diff", diff(before, after));
        out.add(m);
      }
      before = after;
    }
    return out;
  }

  static List<Map<String, Object>> diff(Map<String, Object> before, Map<String, Object> after) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (var e : after.entrySet()) {
      boolean had = before.containsKey(e.getKey());
      if (had && Objects.equals(before.get(e.getKey()), e.getValue())) continue;
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("channel", e.getKey());
      d.put("change", had ? "changed" : "added");
      d.put("before", had ? before.get(e.getKey()) : null);
      d.put("after", e.getValue());
      out.add(d);
    }
    for (var e : before.entrySet()) {
      if (after.containsKey(e.getKey())) continue;
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("channel", e.getKey());
      d.put("change", "removed");
      d.put("before", e.getValue());
      d.put("after", null);
      out.add(d);
    }
    return out;
  }

  /** The graph a thread's page draws: the copy stored with the thread (shared with the served one when equal), or null. */
  private CompiledGraph graph(ThreadInfo t) {
    if (t.source() == null) return null;
    try {
      return ctx.graphs().of(t);
    } catch (ApiException e) {
      return null; // the stored copy no longer compiles: the page shows the thread without its diagram
    }
  }

  static Map<String, Object> detail(ThreadInfo t) {
    if (t.detailJson() == null || t.detailJson().isBlank()) return Map.of();
    try {
      return Json.readMap(t.detailJson());
    } catch (RuntimeException e) {
      return Map.of("message", t.detailJson());
    }
  }
}
