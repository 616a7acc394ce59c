package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.Checkpoint;

/**
 * Where a thread's run is between steps: its last committed step, the {@link Frontier} after it,
 * and the bookkeeping that decides when the next snapshot is due. Made at a checkpoint ({@link
 * #start}, {@link #at}) and advanced in place by each commit, so a step allocates nothing for it.
 *
 * <pre>{@code
 * Position pos = Position.at(graph, StateLog.at(graph, store, thread, step));
 * executor.loop(at.state(), input, pos, plan);
 * }</pre>
 */
final class Position {
  /** Snapshot when the writes since the last snapshot outgrow it (amortised O(1) per written byte). */
  static final long MIN_SNAPSHOT_INTERVAL_BYTES = 64 * 1024;

  private long step;
  private Frontier frontier;
  private long bytesSinceSnapshot;
  private long snapshotBytes;
  /** Sizes of the channels, measured when the loop (or an edit) first needs them; null after a refused step. */
  StateBudget budget;

  private Position(long step, Frontier frontier, long bytesSinceSnapshot, long snapshotBytes) {
    this.step = step;
    this.frontier = frontier;
    this.bytesSinceSnapshot = bytesSinceSnapshot;
    this.snapshotBytes = snapshotBytes;
  }

  /** A new thread, at its step-0 checkpoint (a snapshot). */
  static Position start(Checkpoint initial) {
    return new Position(0, Frontier.of(initial.next()), 0, initial.snapshotJson().length());
  }

  /** A thread continued (resumed, forked) from the committed checkpoint {@code at}. */
  static Position at(CompiledGraph graph, StateLog.At at) {
    return new Position(at.checkpoint().step(), Frontier.at(graph, at.checkpoint()), at.bytesSinceSnapshot(),
        at.snapshotBytes());
  }

  /** The last committed step. */
  long step() {
    return step;
  }

  /** What runs next, and the joins still waiting. */
  Frontier frontier() {
    return frontier;
  }

  /** Counts {@code bytes} of writes; true when a snapshot should be stored with them. */
  boolean snapshotDue(long bytes) {
    bytesSinceSnapshot += bytes;
    return bytesSinceSnapshot >= Math.max(snapshotBytes, MIN_SNAPSHOT_INTERVAL_BYTES);
  }

  /** A snapshot of {@code bytes} is stored with the step being committed. */
  void snapshotTaken(long bytes) {
    snapshotBytes = bytes;
    bytesSinceSnapshot = 0;
  }

  /** Step {@code step} is committed; {@code next} runs after it. */
  void committed(long step, Frontier next) {
    this.step = step;
    this.frontier = next;
  }
}
