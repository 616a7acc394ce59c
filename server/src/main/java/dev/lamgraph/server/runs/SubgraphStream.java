package dev.lamgraph.server.runs;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.SubgraphBody;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.langgraph.Ids;
import dev.lamgraph.server.langgraph.StreamJson;
import dev.lamgraph.server.langgraph.TaskJson;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run streaming with {@code stream_subgraphs} hears of a subgraph node's child thread: the
 * child's steps, built from the store as the parent's are ({@link StreamJson}, {@link TaskJson}:
 * its input values first, then per step its task starts, updates, task results, values...), and
 * its nodes' live output, each event named {@code MODE|NS} as LangGraph names a subgraph's events:
 * {@code NS} is {@code NODE:TASK_ID} (the subgraph node and the id of its task in the parent's
 * step), {@code OUTER_NS|NODE:TASK_ID} for a subgraph within a subgraph. A checkpoint's {@code
 * checkpoint_ns} is {@code NS}. The events go into the run's log while the parent's step runs, with
 * the id of the parent's last committed step (so a rejoin from one of them gets that step again).
 * Failed attempts still reach the parent as {@code NODE/CHILD} (the engine's nested listener).
 * A child that pauses or fails the run ends its task there too ({@link #ends}), as LangGraph does.
 */
final class SubgraphStream implements RunListener {
  private final Execution parent;
  private final RunListener nested;
  private final String ns;
  private final String thread;
  private final CompiledGraph graph;
  private final long parentStep;
  private long emitted;

  /**
   * @param nested the engine's default child listener (failures and live output as {@code NODE/CHILD})
   * @param ns this child's namespace
   * @param thread the child's lamgraph thread
   * @param parentStep the step of the run's own thread the child runs in
   */
  SubgraphStream(Execution parent, RunListener nested, String ns, String thread, CompiledGraph graph, long parentStep) {
    this.parent = parent;
    this.nested = nested;
    this.ns = ns;
    this.thread = thread;
    this.graph = graph;
    this.parentStep = parentStep;
    this.emitted = parent.store().thread(thread).map(ThreadInfo::step).orElse(-1L); // a resumed child: its earlier steps were sent
  }

  @Override
  public synchronized void stepStarted(long step, List<String> nodes, Map<String, Object> state) {
    catchUp();
    if (!TaskJson.wanted(parent.run().modes)) return;
    add(TaskJson.starts(thread, step, nodes, Json.readMap(Json.write(state)), parent.run().modes, parent.options().clock().instant(),
        parent.run().taskMetadata()));
  }

  @Override
  public synchronized void stepCommitted(long step, List<String> next, long checkpointBytes) {
    catchUp();
  }

  /** The child's committed steps not yet sent (its step 0 is its input). */
  private void catchUp() {
    ThreadInfo t = parent.store().thread(thread).orElse(null);
    if (t == null) return;
    ServerRun run = parent.run();
    for (long s = emitted + 1; s <= t.step(); s++) {
      add(StreamJson.step(graph, parent.store(), run.threadId, t, s, run.modes, run.runId));
      emitted = s;
    }
  }

  private void add(List<StreamJson.Event> events) {
    for (StreamJson.Event e : events) parent.run().log.add(parentStep - 1, e.event() + "|" + ns, namespaced(ns, e.data()));
  }

  /** Sets {@code checkpoint_ns} in a checkpoint payload (debug's checkpoint, checkpoints). */
  @SuppressWarnings("unchecked")
  private static Object namespaced(String ns, Object data) {
    if (!(data instanceof Map<?, ?> m)) return data;
    Object payload = "checkpoint".equals(m.get("type")) ? m.get("payload") : m;
    if (payload instanceof Map<?, ?> p) {
      for (String k : List.of("config", "parent_config")) {
        if (p.get(k) instanceof Map<?, ?> c && c.get("configurable") instanceof Map<?, ?> cp && cp.containsKey("checkpoint_ns")) {
          ((Map<String, Object>) cp).put("checkpoint_ns", ns);
        }
      }
    }
    return data;
  }

  @Override
  public RunListener forChild(String node, long step, String childThread, CompiledGraph child) {
    RunListener inner = RunListener.super.forChild(node, step, childThread, child);
    return new SubgraphStream(parent, inner, ns + "|" + node + ":" + Ids.taskId(thread, step - 1, node), childThread, child, parentStep);
  }

  @Override
  public void nodeFailed(long step, String node, int attempt, String message, boolean willRetry) {
    nested.nodeFailed(step, node, attempt, message, willRetry);
  }

  @Override
  public boolean wantsEmits(String kind) {
    return nested.wantsEmits(kind);
  }

  @Override
  public void nodeEmitted(long step, String node, String kind, Object payload) {
    parent.childEmitted(parentStep, node, kind, payload, ns);
  }

  /**
   * When subgraph node {@code node} (of {@code g}, in step {@code step} of lamgraph thread {@code
   * link}) paused or failed the run: its child's ending, innermost child first, named {@code
   * MODE|NS}: {@code updates {"__interrupt__": [...]}} and the paused task's result with its
   * interrupt, or the failed task's result with its error. Added with id step {@code tag}.
   */
  static void ends(ServerRun run, CheckpointStore store, dev.lamgraph.engine.util.Redactor redactor, CompiledGraph g, String link,
      long step, String node, String outerNs, long tag) {
    if (g.nodes().get(node) == null || !(g.nodes().get(node).body() instanceof SubgraphBody sub)) return;
    String ns = (outerNs == null ? "" : outerNs + "|") + node + ":" + Ids.taskId(link, step - 1, node);
    ThreadInfo child = store.thread(link + "/" + node + "@" + step).orElse(null);
    if (child == null || child.detailJson() == null) return;
    Map<String, Object> d = Json.readMap(child.detailJson());
    if (!(d.get("node") instanceof String inner) || !sub.child().nodes().containsKey(inner)) return;
    ends(run, store, redactor, sub.child(), child.id(), child.step() + 1, inner, ns, tag);
    Set<String> modes = new HashSet<>(run.modes);
    modes.remove("values"); // the run's values carry the interrupt once, at the top
    List<StreamJson.Event> out = child.status() == RunStatus.PAUSED ? StreamJson.interrupted(Map.of(), child, modes)
        : child.status() == RunStatus.FAILED ? StreamJson.failed(child, inner, String.valueOf(d.getOrDefault("kind", "error")),
            redactor.redact(String.valueOf(d.get("message"))), modes)
        : List.of();
    for (StreamJson.Event e : out) run.log.add(tag, e.event() + "|" + ns, e.data());
  }

  /**
   * The child steps of the subgraph nodes that ran in committed step {@code step} of lamgraph
   * thread {@code link} (workflow {@code g}), from the store, as a live stream had them: each
   * child's steps with their task starts, named {@code MODE|NS}, its own subgraphs' within.
   */
  static List<StreamJson.Event> replay(ServerRun run, CheckpointStore store, CompiledGraph g, String link, long step, String outerNs) {
    List<StreamJson.Event> out = new java.util.ArrayList<>();
    var cp = store.checkpoints(link, step, step).stream().findFirst().orElse(null);
    if (cp == null) return out;
    for (String node : cp.ran()) {
      if (g.nodes().get(node) == null || !(g.nodes().get(node).body() instanceof SubgraphBody sub)) continue;
      ThreadInfo child = store.thread(link + "/" + node + "@" + step).orElse(null);
      if (child == null) continue;
      String ns = (outerNs == null ? "" : outerNs + "|") + node + ":" + Ids.taskId(link, step - 1, node);
      for (long s = 0; s <= child.step(); s++) {
        List<StreamJson.Event> events = StreamJson.step(sub.child(), store, run.threadId, child, s, run.modes, run.runId,
            run.taskMetadata());
        int at = 0;
        while (at < events.size() && StreamJson.isStart(events.get(at))) at++;
        events = new java.util.ArrayList<>(events);
        events.addAll(at, replay(run, store, sub.child(), child.id(), s, ns));
        for (StreamJson.Event e : events) {
          boolean nested = e.event().contains("|");
          out.add(nested ? e : new StreamJson.Event(e.event() + "|" + ns, namespaced(ns, e.data())));
        }
      }
    }
    return out;
  }
}
