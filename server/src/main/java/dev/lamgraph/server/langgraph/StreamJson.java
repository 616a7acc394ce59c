package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream events of one committed step, built from the store (so a live stream and a rejoin
 * after a restart see the same events): {@code updates} ({@code {node: updates}} per node that ran),
 * {@code tasks} (each node's result, {@link TaskJson}), {@code values} (the whole state), {@code
 * debug} ({@code task_result} and {@code checkpoint}) and {@code events} ({@code on_chain_stream} per
 * node), each only when the run streams that mode. A step's task starts are sent when it starts
 * ({@link TaskJson#starts}); given their metadata, this adds them for a step nobody saw start (a
 * replay, a run followed in the store).
 */
public final class StreamJson {
  /**
   * The stream modes a run accepts; {@code custom}, {@code messages} and {@code messages-tuple} are
   * live (while a step runs: {@link LiveJson}).
   */
  public static final Set<String> MODES = Set.of("values", "updates", "debug", "events", "custom", "messages", "messages-tuple",
      "checkpoints", "tasks");

  private StreamJson() {}

  /** One event: its SSE {@code event:} name and JSON data. */
  public record Event(String event, Object data) {}

  public static List<Event> step(CompiledGraph g, CheckpointStore store, String threadId, ThreadInfo link, long step,
      Set<String> modes, String runId) {
    return step(g, store, threadId, link, step, modes, runId, null);
  }

  /** As above; {@code starts} (the task metadata, or null for none): the step's task starts first (see the class doc). */
  public static List<Event> step(CompiledGraph g, CheckpointStore store, String threadId, ThreadInfo link, long step,
      Set<String> modes, String runId, Map<String, Object> starts) {
    List<Event> out = new ArrayList<>();
    Checkpoint cp = store.checkpoints(link.id(), step, step).stream().findFirst().orElse(null);
    if (cp == null) return out;
    List<StateLog.Write> writes = step == 0 || cp.writesJson() == null ? List.of() : StateLog.decode(cp.writesJson());
    List<StateLog.Write> tasks = writes.stream().filter(w -> !w.node().startsWith("__")).toList();
    if (starts != null && !tasks.isEmpty()) {
      out.addAll(TaskJson.starts(g, store, link.id(), step, tasks.stream().map(StateLog.Write::node).toList(), modes, cp.time(), starts));
    }
    if (modes.contains("updates")) {
      for (StateLog.Write w : writes) out.add(new Event("updates", Map.of(w.node(), w.updates())));
    }
    if (modes.contains("tasks")) {
      for (StateLog.Write w : tasks) out.add(new Event("tasks", TaskJson.result(Ids.taskId(link.id(), step - 1, w.node()), w.node(), w.updates())));
    }
    if (modes.contains("events")) {
      for (StateLog.Write w : writes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "on_chain_stream");
        e.put("name", w.node());
        e.put("run_id", runId);
        e.put("data", Map.of("chunk", w.updates()));
        e.put("metadata", Map.of("langgraph_step", step, "langgraph_node", w.node(), "thread_id", threadId));
        e.put("tags", List.of());
        out.add(new Event("events", e));
      }
    }
    if (modes.contains("values") || modes.contains("debug") || modes.contains("checkpoints")) {
      Map<String, Object> state = StateJson.state(g, store, threadId, link, step);
      if (modes.contains("debug")) {
        for (StateLog.Write w : writes) {
          Map<String, Object> task = TaskJson.result(Ids.taskId(link.id(), step - 1, w.node()), w.node(), w.updates());
          out.add(new Event("debug", debug("task_result", cp.time(), step, task)));
        }
        out.add(new Event("debug", debug("checkpoint", cp.time(), step, checkpointPayload(state))));
      }
      if (modes.contains("checkpoints")) out.add(new Event("checkpoints", checkpointPayload(state)));
      if (modes.contains("values")) out.add(new Event("values", state.get("values")));
    }
    return out;
  }

  /** Whether {@code e} is a task start ({@code tasks} or {@code debug}'s {@code task}, with or without a namespace). */
  public static boolean isStart(Event e) {
    return e.data() instanceof Map<?, ?> m && (e.event().startsWith("tasks") && m.containsKey("input")
        || e.event().startsWith("debug") && "task".equals(m.get("type")));
  }

  /** A {@code debug} event's data: {@code {type, timestamp, step, payload}}. */
  static Map<String, Object> debug(String type, java.time.Instant time, long step, Object payload) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", type);
    d.put("timestamp", time.toString());
    d.put("step", step);
    d.put("payload", payload);
    return d;
  }

  private static Map<String, Object> checkpointPayload(Map<String, Object> state) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("config", Map.of("configurable", state.get("checkpoint")));
    p.put("parent_config", state.get("parent_checkpoint") == null ? null : Map.of("configurable", state.get("parent_checkpoint")));
    p.put("values", state.get("values"));
    p.put("metadata", state.get("metadata"));
    p.put("next", state.get("next"));
    p.put("tasks", state.get("tasks"));
    return p;
  }

  /**
   * The events that end a paused run: {@code {"__interrupt__": [...]}} in values and updates (as
   * LangGraph's server sends them: the state itself came with the step's values event).
   */
  public static List<Event> interrupted(Map<String, Object> values, ThreadInfo head, Set<String> modes) {
    List<Event> out = new ArrayList<>();
    List<Map<String, Object>> interrupts = StateJson.interrupts(head);
    if (modes.contains("updates")) out.add(new Event("updates", Map.of("__interrupt__", interrupts)));
    Map<String, Object> d = head.detailJson() == null ? Map.of() : dev.lamgraph.engine.util.Json.readMap(head.detailJson());
    if ("node".equals(d.get("when")) && d.get("node") instanceof String node) {
      // paused inside a node (a human node, a subgraph whose child paused): that task ends with the interrupt
      out.addAll(taskEnd(TaskJson.interrupted(Ids.taskId(head.id(), head.step(), node), node, interrupts), head, modes));
    }
    if (modes.contains("values")) {
      out.add(new Event("values", Map.of("__interrupt__", interrupts)));
    }
    return out;
  }

  /** The end of the task of node {@code node} that failed the run (in the step after the head's). */
  public static List<Event> failed(ThreadInfo head, String node, String kind, String message, Set<String> modes) {
    return taskEnd(TaskJson.failed(Ids.taskId(head.id(), head.step(), node), node, kind, message), head, modes);
  }

  private static List<Event> taskEnd(Map<String, Object> task, ThreadInfo head, Set<String> modes) {
    List<Event> out = new ArrayList<>();
    if (modes.contains("tasks")) out.add(new Event("tasks", task));
    if (modes.contains("debug")) out.add(new Event("debug", debug("task_result", head.updated(), head.step() + 1, task)));
    return out;
  }
}
