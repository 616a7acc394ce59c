package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.JsonText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a step's writes and rebuilds the state at any step: the nearest snapshot, then the
 * writes of the later steps applied through the channels' reducers, exactly as the executor
 * applied them.
 *
 * <p>A checkpoint's writes JSON is an array of {@code {"node": n, "updates": {...}}} entries (with
 * {@code "replace": true} for edits that set values whatever the reducer, such as a fork's),
 * optionally followed by one entry without {@code node} holding the executor's own bookkeeping,
 * e.g. {@code {"joins": [...]}} (see {@link Frontier}); {@link #decode} skips that entry.
 *
 * <pre>{@code
 * Map<String, Object> state = StateLog.at(graph, store, "t-1", 3).state();
 * }</pre>
 */
public final class StateLog {
  private StateLog() {}

  /**
   * One node's updates within a step.
   *
   * @param replace true when the updates set the channels' values (a fork's edits), false when
   *     they go through the reducers
   */
  public record Write(String node, Map<String, Object> updates, boolean replace) {
    public Write(String node, Map<String, Object> updates) {
      this(node, updates, false);
    }
  }

  public static String encode(List<Write> writes) {
    return encode(writes, null);
  }

  /** The writes, then {@code meta} (when not null) as a last entry. */
  public static String encode(List<Write> writes, Map<String, Object> meta) {
    List<Map<String, Object>> out = new ArrayList<>(writes.size() + 1);
    for (Write w : writes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", w.node());
      if (w.replace()) m.put("replace", true);
      m.put("updates", w.updates());
      out.add(m);
    }
    if (meta != null && !meta.isEmpty()) out.add(meta);
    return Json.write(out);
  }

  /**
   * A step's writes JSON (as {@link #encode(List, Map)} writes it) and the JSON size of every
   * update value in it, measured while encoding: {@code sizes.get(i).get(channel)} for write i.
   */
  public record Encoded(String json, List<Map<String, Long>> sizes) {}

  /** As {@link #encode(List, Map)}, measuring each update's value on the way (no second serialisation). */
  public static Encoded encodeMeasured(List<Write> writes, Map<String, Object> meta) {
    StringBuilder out = new StringBuilder(128);
    List<Map<String, Long>> sizes = new ArrayList<>(writes.size());
    out.append('[');
    for (Write w : writes) {
      if (out.length() > 1) out.append(',');
      out.append("{\"node\":");
      JsonText.quote(out, w.node());
      if (w.replace()) out.append(",\"replace\":true");
      out.append(",\"updates\":{");
      Map<String, Long> sz = new LinkedHashMap<>();
      boolean first = true;
      for (var e : w.updates().entrySet()) {
        if (!first) out.append(',');
        first = false;
        JsonText.quote(out, e.getKey()).append(':');
        int before = out.length();
        JsonText.append(out, e.getValue());
        sz.put(e.getKey(), (long) (out.length() - before));
      }
      sizes.add(sz);
      out.append("}}");
    }
    if (meta != null && !meta.isEmpty()) {
      if (out.length() > 1) out.append(',');
      JsonText.append(out, meta);
    }
    return new Encoded(out.append(']').toString(), sizes);
  }

  @SuppressWarnings("unchecked")
  public static List<Write> decode(String json) {
    List<Write> out = new ArrayList<>();
    if (json == null) return out;
    for (Object o : Json.readList(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      if (!m.containsKey("node")) continue; // the executor's bookkeeping entry
      out.add(new Write((String) m.get("node"), (Map<String, Object>) m.get("updates"),
          Boolean.TRUE.equals(m.get("replace"))));
    }
    return out;
  }

  /** The bookkeeping entry of a writes JSON (e.g. {@code {"joins": [...]}}), empty when there is none. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> meta(String json) {
    if (json == null) return Map.of();
    for (Object o : Json.readList(json)) {
      if (o instanceof Map<?, ?> m && !m.containsKey("node")) return (Map<String, Object>) m;
    }
    return Map.of();
  }

  /**
   * Applies writes in order through the reducers (or replacing, for replace writes), in place.
   * Every update is type-checked first, so a step with a bad update leaves {@code state}
   * untouched (all or nothing).
   */
  public static void apply(CompiledGraph g, Map<String, Object> state, List<Write> writes) throws StateTypeException {
    Map<String, Object> sums = new HashMap<>();
    for (Write w : writes) {
      for (var e : w.updates().entrySet()) {
        Channel c = g.channels().get(e.getKey());
        if (c == null) throw new StateTypeException(w.node(), e.getKey(), "a declared channel", "an undeclared channel");
        // dry run: the checks do not read the old value, except that of add channels (a sum can overflow)
        Map<String, Object> scratch = new HashMap<>();
        if (c.reducer() == ReducerKind.ADD) {
          if (!sums.containsKey(c.name())) sums.put(c.name(), state.get(c.name()));
          scratch = sums;
        }
        if (w.replace()) c.replace(scratch, e.getValue(), w.node());
        else c.apply(scratch, e.getValue(), w.node());
      }
    }
    for (Write w : writes) {
      for (var e : w.updates().entrySet()) {
        Channel c = g.channels().get(e.getKey());
        if (w.replace()) c.replace(state, e.getValue(), w.node());
        else c.apply(state, e.getValue(), w.node());
      }
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
