package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person gave a thread when it paused, read back from its checkpoints, so a replay (which
 * pauses at the same step, being deterministic) continues as the original did: the answer a
 * human node wrote in the step after the pause, or the state edit {@code __human__} committed
 * there at an interrupt.
 *
 * <pre>{@code
 * while (r.status() == PAUSED && (a = RecordedAnswers.at(g, store, original, r)) != null) r = launcher.resume(g, id, a);
 * }</pre>
 */
final class RecordedAnswers {
  private RecordedAnswers() {}

  /**
   * The resume input that continues {@code paused} as thread {@code original} continued from the
   * same step, or null when the original did not continue from there the same way (a difference
   * the replay then reports).
   */
  static Map<String, Object> at(CompiledGraph g, CheckpointStore store, String original, RunResult paused) {
    List<Checkpoint> next = store.checkpoints(original, paused.steps() + 1, paused.steps() + 1);
    if (next.isEmpty()) return null;
    List<StateLog.Write> writes = StateLog.decode(next.get(0).writesJson());
    Object when = paused.detail().get("when");
    String node = String.valueOf(paused.detail().get("node"));
    if ("node".equals(when)) {
      if (paused.detail().get("child_thread") != null) return null; // a subgraph's question: not re-supplied
      for (StateLog.Write w : writes) {
        if (w.node().equals(node) && w.updates().size() == 1) return asInput(g, node, w.updates().values().iterator().next());
      }
      return null;
    }
    if (writes.size() == 1 && writes.get(0).node().equals(Resumption.HUMAN)) return new LinkedHashMap<>(writes.get(0).updates());
    return next.get(0).ran().contains(Resumption.HUMAN) ? null : Map.of(); // continued without an edit
  }

  /** An answer as resume input: the object itself for an object schema, else under one key. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> asInput(CompiledGraph g, String node, Object answer) {
    CompiledNode n = g.nodes().get(node);
    String schema = n != null && n.body() instanceof NodeBody.Task t ? t.node().answerSchema() : null;
    boolean object = schema != null && "object".equals(Json.readMap(schema).get("type"));
    if (object && answer instanceof Map<?, ?> m) return new LinkedHashMap<>((Map<String, Object>) m);
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("answer", answer);
    return in;
  }
}
