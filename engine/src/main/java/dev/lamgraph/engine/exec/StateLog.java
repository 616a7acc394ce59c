package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a step's writes and rebuilds the state at any step: the nearest snapshot, then the
 * writes of the later steps applied through the channels' reducers, exactly as the executor
 * applied them.
 */
public final class StateLog {
  private StateLog() {}

  /** One node's updates within a step. */
  public record Write(String node, Map<String, Object> updates) {}

  public static String encode(List<Write> writes) {
    List<Map<String, Object>> out = new ArrayList<>(writes.size());
    for (Write w : writes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", w.node());
      m.put("updates", w.updates());
      out.add(m);
    }
    return Json.write(out);
  }

  @SuppressWarnings("unchecked")
  public static List<Write> decode(String json) {
    List<Write> out = new ArrayList<>();
    for (Object o : Json.readList(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(new Write((String) m.get("node"), (Map<String, Object>) m.get("updates")));
    }
    return out;
  }

  /**
   * Applies writes in order through the reducers, in place. Every update is type-checked first,
   * so a step with a bad update leaves {@code state} untouched (all or nothing).
   */
  public static void apply(CompiledGraph g, Map<String, Object> state, List<Write> writes) throws StateTypeException {
    for (Write w : writes) {
      for (var e : w.updates().entrySet()) {
        Channel c = g.channels().get(e.getKey());
        if (c == null) throw new StateTypeException(w.node(), e.getKey(), "a declared channel", "an undeclared channel");
        c.apply(new java.util.HashMap<>(), e.getValue(), w.node()); // dry run: the checks do not read the old value
      }
    }
    for (Write w : writes) {
      for (var e : w.updates().entrySet()) g.channels().get(e.getKey()).apply(state, e.getValue(), w.node());
    }
  }

  /** The state after {@code step}, with the checkpoint of that step. */
  public record At(Map<String, Object> state, Checkpoint checkpoint, long bytesSinceSnapshot, long snapshotBytes) {}

  /** Rebuilds the state after {@code step} of a thread. */
  public static At at(CompiledGraph g, CheckpointStore store, String threadId, long step) {
    Checkpoint snap = store.snapshotAtOrBefore(threadId, step).orElseThrow(() -> new StoreException(
        StoreException.Reason.CORRUPT, "thread '" + threadId + "' has no snapshot at or before step " + step));
    Map<String, Object> state = Json.readMap(snap.snapshotJson());
    for (var c : g.channels().values()) {
      if (state.containsKey(c.name())) state.put(c.name(), c.normalize(state.get(c.name())));
    }
    Checkpoint last = snap;
    long since = 0;
    if (step > snap.step()) {
      for (Checkpoint cp : store.checkpoints(threadId, snap.step() + 1, step)) {
        try {
          apply(g, state, decode(cp.writesJson()));
        } catch (StateTypeException e) {
          throw new StoreException(StoreException.Reason.CONFLICT, "checkpoint " + cp.step() + " of thread '" + threadId
              + "' does not fit the current workflow: " + e.getMessage());
        }
        since += cp.bytes();
        last = cp;
      }
    }
    if (last.step() != step) {
      throw new StoreException(StoreException.Reason.NOT_FOUND, "thread '" + threadId + "' has no checkpoint " + step);
    }
    return new At(state, last, since, snap.snapshotJson().length());
  }
}
