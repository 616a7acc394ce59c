package dev.lamgraph.engine.store;

import java.time.Instant;
import java.util.List;

/**
 * What one committed step changed: the nodes that ran, their updates before reducers (a JSON
 * array of {@code {"node": n, "updates": {...}}}) and the nodes to run next. The state at a step
 * is the nearest snapshot plus the writes of the steps after it, applied through the reducers,
 * so a step stores only what it changed.
 *
 * @param step 1-based (0 is the initial checkpoint made when the thread is created)
 * @param snapshotJson the whole state after this step when a snapshot was taken, else null
 */
public record Checkpoint(long step, List<String> ran, String writesJson, List<String> next, Instant time, String snapshotJson) {
  /** Bytes this checkpoint occupies (writes + next + snapshot, UTF-8). */
  public long bytes() {
    long b = utf8(writesJson) + String.join(",", next).length() + String.join(",", ran).length();
    return b + (snapshotJson == null ? 0 : utf8(snapshotJson));
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
