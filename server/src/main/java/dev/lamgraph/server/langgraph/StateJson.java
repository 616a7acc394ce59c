package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lamgraph's checkpoints as LangGraph thread states: {@code values, next, checkpoint {thread_id,
 * checkpoint_ns, checkpoint_id}, metadata {source, step, writes, parents}, created_at,
 * parent_checkpoint, tasks}. A checkpoint is one committed step of a lamgraph thread (its id is
 * stable: {@link Ids#checkpointId}); {@code thread_id} is the LangGraph thread (the chain's first
 * id). The head checkpoint of a paused thread carries the pause as the task's {@code interrupts}.
 */
public final class StateJson {
  private StateJson() {}

  /** The state at {@code step} of lamgraph thread {@code link} ({@code t}), in LangGraph thread {@code threadId}. */
  public static Map<String, Object> state(CompiledGraph g, CheckpointStore store, String threadId, ThreadInfo t, long step) {
    StateLog.At at = StateLog.at(g, store, t.id(), step);
    Checkpoint cp = at.checkpoint();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("values", at.state());
    s.put("next", cp.next().stream().map(AssistantJson::id).toList());
    s.put("checkpoint", checkpoint(threadId, t.id(), step));
    s.put("metadata", metadata(cp, step));
    s.put("created_at", cp.time().toString());
    s.put("parent_checkpoint", step == 0 ? null : checkpoint(threadId, t.id(), step - 1));
    s.put("tasks", tasks(t, step, cp.next()));
    return s;
  }

  public static Map<String, Object> checkpoint(String threadId, String link, long step) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("thread_id", threadId);
    c.put("checkpoint_ns", "");
    c.put("checkpoint_id", Ids.checkpointId(link, step));
    c.put("checkpoint_map", null);
    return c;
  }

  /** {@code {source, step, writes, parents}}: source is input (step 0), update (a state edit or fork) or loop. */
  public static Map<String, Object> metadata(Checkpoint cp, long step) {
    Map<String, Object> writes = new LinkedHashMap<>();
    boolean edit = false;
    if (cp.writesJson() != null) {
      for (StateLog.Write w : StateLog.decode(cp.writesJson())) {
        writes.put(w.node(), w.updates());
        edit |= w.node().startsWith("__");
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", step == 0 ? "input" : edit ? "update" : "loop");
    m.put("step", step);
    m.put("writes", step == 0 ? null : writes);
    m.put("parents", Map.of());
    return m;
  }

  /** One task per next node; at the head of a paused thread the paused node's task holds the interrupt, of a failed one the error. */
  static List<Map<String, Object>> tasks(ThreadInfo t, long step, List<String> next) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> detail = step == t.step() && t.detailJson() != null ? Json.readMap(t.detailJson()) : Map.of();
    for (String node : next) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("id", Ids.uuid5(Ids.CHECKPOINT_NAMESPACE, t.id() + "/" + step + "/" + node).toString());
      task.put("name", node);
      boolean here = node.equals(detail.get("node"));
      task.put("error", here && t.status() == RunStatus.FAILED ? String.valueOf(detail.get("message")) : null);
      task.put("interrupts", here && t.status() == RunStatus.PAUSED ? interrupts(t) : List.of());
      task.put("checkpoint", null);
      task.put("state", null);
      task.put("result", null);
      out.add(task);
    }
    if (next.isEmpty() && t.status() == RunStatus.PAUSED && step == t.step() && detail.get("node") != null) {
      // paused after a node (interrupt_after) or as a fork: the interrupt belongs to that node
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("id", Ids.uuid5(Ids.CHECKPOINT_NAMESPACE, t.id() + "/" + step + "/" + detail.get("node")).toString());
      task.put("name", String.valueOf(detail.get("node")));
      task.put("error", null);
      task.put("interrupts", interrupts(t));
      task.put("checkpoint", null);
      task.put("state", null);
      out.add(task);
    }
    return out;
  }

  /** The interrupts of a paused thread (one: lamgraph pauses at one node), else none. */
  public static List<Map<String, Object>> interrupts(ThreadInfo t) {
    if (t.status() != RunStatus.PAUSED || t.detailJson() == null) return List.of();
    Map<String, Object> d = Json.readMap(t.detailJson());
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("prompt", d.get("prompt"));
    value.put("node", d.get("node"));
    value.put("when", d.get("when"));
    Object schema = d.get("schema");
    if (schema instanceof String text) {
      try {
        schema = text.isBlank() ? null : Json.read(text);
      } catch (RuntimeException notJson) {
        // kept as the text it is
      }
    }
    if (schema != null) value.put("schema", schema);
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("id", Ids.uuid5(Ids.CHECKPOINT_NAMESPACE, t.id() + "/" + t.step() + "/interrupt").toString());
    i.put("value", value);
    if (schema != null) i.put("response_schema", schema);
    i.put("namespace", List.of());
    return List.of(i);
  }
}
