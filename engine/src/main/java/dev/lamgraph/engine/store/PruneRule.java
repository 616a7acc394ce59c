package dev.lamgraph.engine.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Which checkpoints of finished threads (done or failed) {@link CheckpointStore#prune} removes.
 * Only checkpoints go (a thread, its events and its final state stay): those before the first
 * checkpoint to keep, except the snapshot and writes needed to rebuild every kept one, so
 * {@code lam state} and {@code lam resume} of a failed run still work. The store does not know
 * reducers, so it cannot write new snapshots: a thread keeps at least its checkpoints since the
 * snapshot at or before the first kept one (the executor snapshots once the writes since the last
 * snapshot outgrow it, and at least every 64 KiB of writes, so that tail stays small).
 *
 * <pre>{@code
 * store.prune(PruneRule.keepLast(10));                                  // lam prune --keep-last 10
 * store.prune(PruneRule.olderThan(Duration.ofDays(30), Instant.now())); // lam prune --older-than 30d
 * }</pre>
 *
 * @param keepLast keep the last N checkpoints of each finished thread (N >= 1), or 0 when unused
 * @param before keep checkpoints made at or after this time (and the last one always), or null when unused
 */
public record PruneRule(long keepLast, Instant before) {
  public PruneRule {
    if ((keepLast > 0) == (before != null)) {
      throw new IllegalArgumentException("give either keepLast >= 1 or a cutoff time, not both or neither");
    }
  }

  public static PruneRule keepLast(long n) {
    return new PruneRule(n, null);
  }

  public static PruneRule olderThan(Duration age, Instant now) {
    return new PruneRule(0, now.minus(age));
  }

  /**
   * The first step to keep of a thread whose last step is {@code last}, given the time of each
   * step ({@code timeOf}, for the age rule).
   */
  public long keepFrom(long last, java.util.function.LongFunction<Instant> timeOf) {
    if (keepLast > 0) return Math.max(0, last - keepLast + 1);
    for (long s = 0; s < last; s++) {
      Instant t = timeOf.apply(s);
      if (t != null && !t.isBefore(before)) return s;
    }
    return last;
  }

  /** What {@code prune} removed. */
  public record Result(long threads, long checkpoints, long bytes) {}
}
