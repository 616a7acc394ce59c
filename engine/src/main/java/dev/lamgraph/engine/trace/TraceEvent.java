package dev.lamgraph.engine.trace;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured event of a run, stored with the run. Field names are stable (they are the
 * {@code lam trace --json} format).
 *
 * @param seq order within the thread (assigned by the store; 0 before it is stored)
 * @param step the step the event belongs to (0 for run-level events before the first step)
 * @param kind one of {@link Kind}'s names in lower case, or a node type's own kind (e.g. tool_call)
 * @param node the node, or null for run-level events
 * @param data event attributes (JSON-shaped; secrets redacted)
 */
public record TraceEvent(long seq, String thread, long step, String kind, String node, Instant time, Map<String, Object> data) {
  /** The engine's own event kinds. */
  public enum Kind {
    RUN_STARTED, RUN_RESUMED, RUN_FINISHED, RUN_FAILED, RUN_PAUSED,
    /** The run was ended on request ({@code lam cancel}, a cancel over {@code lam serve}). */
    RUN_CANCELLED,
    NODE_STARTED, NODE_SUCCEEDED, NODE_FAILED, NODE_RETRY, CHECKPOINT_SAVED,
    /** The state was edited between steps: a person's input on resume ({@code __human__}) or a fork's edits. */
    STATE_UPDATED;

    public String id() {
      return name().toLowerCase();
    }
  }

  public TraceEvent {
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  public static TraceEvent of(String thread, long step, Kind kind, String node, Instant time, Map<String, Object> data) {
    return new TraceEvent(0, thread, step, kind.id(), node, time, data);
  }

  public TraceEvent withSeq(long s) {
    return new TraceEvent(s, thread, step, kind, node, time, data);
  }
}
