package dev.lamgraph.engine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One completed side-effecting call of a node (a tool call, a model answer) as the store keeps
 * it, so that a step run again after a crash reuses the result instead of calling again, and a
 * replay can answer from the recording. The key is the thread plus ({@code step}, {@code node},
 * {@code attempt}, {@code call}): {@code node} is the task's name ({@code m[2]} for a map item),
 * {@code attempt} the node's 1-based attempt within the step (counted from 1 again when the step
 * runs again), {@code call} the 1-based index of the call within that attempt.
 *
 * <pre>{@code
 * store.journal("t-1", new JournalEntry(3, "act", 1, 2, "tool", "{\"ok\":true}", now));
 * List<JournalEntry> step3 = store.journal("t-1", 3, 3);
 * }</pre>
 *
 * @param kind what was called: {@code tool} or {@code model}
 * @param valueJson the call's result as JSON, exact (sealed by {@link SealedStore} when it holds a secret)
 */
public record JournalEntry(long step, String node, int attempt, int call, String kind, String valueJson, Instant time) {
  public JournalEntry {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(valueJson, "valueJson");
    Objects.requireNonNull(time, "time");
    if (step < 1 || attempt < 1 || call < 1) {
      throw new IllegalArgumentException("step, attempt and call are 1-based: " + step + "/" + attempt + "/" + call);
    }
  }

  /** The same entry holding another value (sealing, opening). */
  public JournalEntry withValue(String v) {
    return new JournalEntry(step, node, attempt, call, kind, v, time);
  }

  /** {@code STEP:NODE:ATTEMPT:CALL}, the entry's key within its thread. */
  public String key() {
    return step + ":" + node + ":" + attempt + ":" + call;
  }
}
