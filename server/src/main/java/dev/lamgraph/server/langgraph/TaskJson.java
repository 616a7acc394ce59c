package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.CheckpointStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tasks} stream mode's payloads (and {@code debug}'s {@code task} / {@code
 * task_result}), as LangGraph's JS server sends them: when a step starts, one {@code {id, name,
 * input, triggers, interrupts, metadata}} per node it runs (input: the state the node reads;
 * triggers: {@code ["branch:to:NODE"]}; metadata: the run's own metadata plus {@code run_id,
 * assistant_id, graph_id}); when a node ends, {@code {id, name, result, interrupts, error}}
 * (result: its updates by channel; interrupts: a pause's interrupts; error: {@code {message,
 * name}} with the failure's kind as name, else null). A task's id is {@link Ids#taskId}.
 *
 * <pre>{@code
 * event: tasks
 * data: {"id":"…","name":"tool","input":{"attempts":0},"triggers":["branch:to:tool"],"interrupts":[],"metadata":{…}}
 * event: tasks
 * data: {"id":"…","name":"tool","result":{"attempts":1},"interrupts":[],"error":null}
 * }</pre>
 */
public final class TaskJson {
  private TaskJson() {}

  /** Whether a run streaming {@code modes} wants task events (tasks, or debug's task events). */
  public static boolean wanted(Set<String> modes) {
    return modes.contains("tasks") || modes.contains("debug");
  }

  /**
   * The start events of step {@code step} of lamgraph thread {@code link}, which runs {@code
   * nodes} on the state committed at {@code step - 1}, read from the store.
   */
  public static List<StreamJson.Event> starts(CompiledGraph g, CheckpointStore store, String link, long step, List<String> nodes,
      Set<String> modes, Instant now, Map<String, Object> metadata) {
    if (!wanted(modes) || nodes.isEmpty()) return List.of();
    return starts(link, step, nodes, StateLog.at(g, store, link, step - 1).state(), modes, now, metadata);
  }

  /** As above, on {@code input} (the state the nodes read: kept as is, so a copy). */
  public static List<StreamJson.Event> starts(String link, long step, List<String> nodes, Map<String, Object> input,
      Set<String> modes, Instant now, Map<String, Object> metadata) {
    List<StreamJson.Event> out = new ArrayList<>();
    if (!wanted(modes) || nodes.isEmpty()) return out;
    for (String node : nodes) {
      Map<String, Object> t = start(Ids.taskId(link, step - 1, node), node, input);
      t.put("metadata", metadata);
      if (modes.contains("tasks")) out.add(new StreamJson.Event("tasks", t));
      if (modes.contains("debug")) out.add(new StreamJson.Event("debug", StreamJson.debug("task", now, step, t)));
    }
    return out;
  }

  /**
   * The metadata of a run's task starts: its own {@code metadata}, then {@code run_id},
   * {@code assistant_id} and {@code graph_id}.
   */
  public static Map<String, Object> metadata(Map<String, Object> runMetadata, String runId, String graph) {
    Map<String, Object> m = new LinkedHashMap<>(runMetadata);
    m.put("run_id", runId);
    m.put("assistant_id", Ids.assistantId(graph));
    m.put("graph_id", graph);
    return m;
  }

  public static Map<String, Object> start(String id, String node, Map<String, Object> input) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("name", node);
    t.put("input", input);
    t.put("triggers", List.of("branch:to:" + node));
    t.put("interrupts", List.of());
    return t;
  }

  /** A node's result: its updates by channel. */
  public static Map<String, Object> result(String id, String node, Map<String, Object> updates) {
    return end(id, node, updates, List.of(), null);
  }

  /** A node that paused the run (a human node, a subgraph whose child paused). */
  public static Map<String, Object> interrupted(String id, String node, List<Map<String, Object>> interrupts) {
    return end(id, node, Map.of(), interrupts, null);
  }

  /** A node that failed the run: error {@code {message, name}}, name the failure's kind. */
  public static Map<String, Object> failed(String id, String node, String kind, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    e.put("name", kind);
    return end(id, node, Map.of(), List.of(), e);
  }

  private static Map<String, Object> end(String id, String node, Map<String, Object> result, List<Map<String, Object>> interrupts,
      Object error) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("name", node);
    t.put("result", result);
    t.put("interrupts", interrupts);
    t.put("error", error);
    return t;
  }
}
