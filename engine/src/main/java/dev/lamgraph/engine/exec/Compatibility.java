package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.CompiledNode;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a stored thread can continue on another workflow ({@code lam migrate}): every reason it
 * cannot, each naming what breaks. A thread is compatible when the nodes it would run next still
 * exist, every channel it has keeps its type and reducer, no new channel expects a default value
 * its state never got, its state (rebuilt from its checkpoints) fits the new channels, and a question it is paused at keeps its answer schema.
 *
 * <pre>{@code
 * List<String> broken = Compatibility.check(storedGraph, newGraph, store, thread);
 * if (broken.isEmpty()) store.setWorkflow(thread.id(), newGraph.name(), file, newGraph.spec().source());
 * }</pre>
 */
public final class Compatibility {
  private Compatibility() {}

  /** What breaks when {@code thread} (running {@code from}) moves to {@code to}; empty when nothing does. */
  public static List<String> check(CompiledGraph from, CompiledGraph to, CheckpointStore store, ThreadInfo thread) {
    List<String> out = new ArrayList<>();
    for (Channel c : from.channels().values()) {
      Channel n = to.channels().get(c.name());
      if (n == null) {
        out.add("channel '" + c.name() + "' was removed");
      } else if (n.type() != c.type()) {
        out.add("channel '" + c.name() + "' was retyped from " + c.type().yamlName() + " to " + n.type().yamlName());
      } else if (n.reducer() != c.reducer()) {
        out.add("channel '" + c.name() + "' changed its reducer from " + c.reducer().yamlName() + " to " + n.reducer().yamlName());
      }
    }
    for (Channel n : to.channels().values()) {
      if (!from.channels().containsKey(n.name()) && n.spec().hasDefault()) {
        out.add("channel '" + n.name() + "' is new with a default (" + Json.write(n.spec().defaultValue())
            + "), which the thread's state does not have");
      }
    }
    Map<String, Object> detail = thread.detailJson() == null ? Map.of() : Json.readMap(thread.detailJson());
    Set<String> pending = new LinkedHashSet<>();
    store.checkpoints(thread.id(), thread.step(), thread.step()).forEach(cp -> pending.addAll(cp.next()));
    Object paused = detail.get("node");
    if (paused != null) pending.add(base(String.valueOf(paused)));
    if (detail.get("pending") instanceof List<?> kept) {
      for (Object k : kept) if (k instanceof Map<?, ?> m && m.get("node") != null) pending.add(base(String.valueOf(m.get("node"))));
    }
    for (String n : pending) {
      if (!n.equals(WorkflowSpec.END) && !to.nodes().containsKey(n)) out.add("pending node '" + n + "' no longer exists");
    }
    if (paused != null && "node".equals(detail.get("when"))) question(from, to, base(String.valueOf(paused)), out);
    try {
      StateLog.at(to, store, thread.id(), thread.step()); // every stored write through the new channels
    } catch (StoreException e) {
      out.add("its state does not fit: " + e.getMessage());
    }
    return out;
  }

  /** A paused question must keep its node's type, answer schema and output channel. */
  private static void question(CompiledGraph from, CompiledGraph to, String node, List<String> out) {
    CompiledNode a = from.nodes().get(node);
    CompiledNode b = to.nodes().get(node);
    if (a == null || b == null) return;
    if (!a.spec().type().equals(b.spec().type())) {
      out.add("node '" + node + "', paused at its question, changed type from " + a.spec().type() + " to " + b.spec().type());
      return;
    }
    for (String key : List.of("schema", "output")) {
      Object x = a.spec().config().get(key).map(YNode::plain).orElse(null);
      Object y = b.spec().config().get(key).map(YNode::plain).orElse(null);
      if (!Objects.equals(x, y)) {
        out.add(("schema".equals(key) ? "the answer schema" : "the output channel") + " of " + a.spec().type() + " node '"
            + node + "' changed under its paused question: " + Json.write(x) + " -> " + Json.write(y));
      }
    }
  }

  /** {@code m} for a map item {@code m[2]}. */
  private static String base(String task) {
    int i = task.indexOf('[');
    return i < 0 ? task : task.substring(0, i);
  }
}
