package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.util.JsonSize;
import dev.lamgraph.engine.util.Sizes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a run's state within {@code limits.max_channel_bytes} and {@code limits.max_state_bytes}
 * without measuring the whole state every step. Each channel's JSON size is tracked from the
 * sizes of the updates written to it (measured while the step's writes are encoded for the
 * checkpoint): a replace sets it, an append or merge adds to it (an upper bound: a merge may
 * overwrite keys). Only a channel whose bound crosses a limit is measured exactly, so a step
 * costs the size of its updates, not of the state.
 *
 * <pre>{@code
 * StateBudget b = StateBudget.measure(graph, state);        // once per run or resume
 * String over = b.afterStep(state, writes, encoded, step);  // null, or why the step is refused
 * }</pre>
 */
final class StateBudget {
  /** A step (or edit) that would take the state over a limit; it is not committed. */
  static final class OverLimit extends Exception {
    final String node;

    OverLimit(String node, String message) {
      super(message, null, false, false);
      this.node = node;
    }
  }

  private final CompiledGraph graph;
  private final LimitsSpec limits;
  private final Map<String, Long> size = new HashMap<>();
  private long total;

  private StateBudget(CompiledGraph graph) {
    this.graph = graph;
    this.limits = graph.limits();
  }

  /** Measures every channel of {@code state} (its JSON size). */
  static StateBudget measure(CompiledGraph graph, Map<String, Object> state) {
    StateBudget b = new StateBudget(graph);
    for (String c : graph.channels().keySet()) b.set(c, state.containsKey(c) ? jsonSize(state.get(c)) : 0);
    return b;
  }

  private void set(String channel, long bytes) {
    Long old = size.put(channel, bytes);
    total += bytes - (old == null ? 0 : old);
  }

  /**
   * Accounts a step's writes, already applied to {@code state}.
   *
   * @throws OverLimit with a one-line reason when the state would exceed a limit (the caller
   *     refuses to commit the step)
   */
  void afterStep(Map<String, Object> state, List<StateLog.Write> writes, StateLog.Encoded encoded, long step)
      throws OverLimit {
    if (encoded.json().length() > limits.maxStateBytes()) {
      throw new OverLimit(null, "step " + step + " writes " + encoded.json().length() + " bytes of updates, over limits.max_state_bytes ("
          + Sizes.human(limits.maxStateBytes()) + ")");
    }
    for (int i = 0; i < writes.size(); i++) {
      StateLog.Write w = writes.get(i);
      for (var e : encoded.sizes().get(i).entrySet()) {
        Channel c = graph.channels().get(e.getKey());
        if (c == null) continue;
        long old = size.getOrDefault(e.getKey(), 0L);
        long bytes = e.getValue();
        if (!w.replace() && c.reducer() == ReducerKind.ADD) bytes = jsonSize(state.get(e.getKey()));
        else if (!w.replace() && c.reducer() != ReducerKind.REPLACE) bytes = old + bytes + 1;
        set(e.getKey(), bytes);
        if (bytes > limits.maxChannelBytes()) {
          set(e.getKey(), jsonSize(state.get(e.getKey()))); // the bound was over: measure exactly
          if (size.get(e.getKey()) > limits.maxChannelBytes()) {
            throw new OverLimit(w.node(), StateLimits.channelOver(limits, e.getKey(), size.get(e.getKey())));
          }
        }
      }
    }
    if (total > limits.maxStateBytes()) {
      for (String c : graph.channels().keySet()) set(c, state.containsKey(c) ? jsonSize(state.get(c)) : 0);
      if (total > limits.maxStateBytes()) {
        throw new OverLimit(null, StateLimits.stateOver(limits, total, step));
      }
    }
  }

  private static long jsonSize(Object v) {
    return JsonSize.of(v);
  }
}
