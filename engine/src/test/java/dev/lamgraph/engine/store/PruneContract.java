package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckpointStore#prune} for every store that prunes: only finished threads lose
 * checkpoints, and only those before the snapshot that rebuilds the first kept one.
 */
public abstract class PruneContract {
  protected CheckpointStore store;

  protected abstract CheckpointStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A thread with steps 1..10 (snapshots at 0, 4 and 8), left with {@code status}. */
  private void thread(String id, RunStatus status) {
    store.create(info(id, T0), initial(T0), List.of());
    store.claim(id, OWNER, o -> true);
    for (long n = 1; n <= 10; n++) store.commit(id, OWNER, step(n, n % 4 == 0), List.of());
    store.setStatus(id, status, null, List.of());
    store.release(id, OWNER);
  }

  private List<Long> kept(String id) {
    return steps(store.checkpoints(id, 0, Long.MAX_VALUE));
  }

  @Test
  void keepLastKeepsTheLastNAndTheSnapshotThatRebuildsThem() {
    thread("done", RunStatus.DONE);
    thread("failed", RunStatus.FAILED);
    thread("running", RunStatus.RUNNING);
    thread("paused", RunStatus.PAUSED);
    long bytes = store.checkpoints("done", 0, 3).stream().mapToLong(Checkpoint::bytes).sum();

    PruneRule.Result r = store.prune(PruneRule.keepLast(5)); // keep 6..10: rebuilt from the snapshot at 4
    assertThat(kept("done")).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(kept("failed")).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(kept("running")).isEqualTo(LongStream.rangeClosed(0, 10).boxed().toList());
    assertThat(kept("paused")).isEqualTo(LongStream.rangeClosed(0, 10).boxed().toList());
    assertThat(r.threads()).isEqualTo(2);
    assertThat(r.checkpoints()).isEqualTo(8);
    assertThat(r.bytes()).isPositive().isGreaterThanOrEqualTo(bytes); // stored forms are at least as long

    assertThat(store.prune(PruneRule.keepLast(3)).checkpoints()).isEqualTo(8); // both threads: 8..10 from the snapshot at 8
    assertThat(kept("done")).containsExactly(8L, 9L, 10L);
    assertThat(store.snapshotAtOrBefore("done", 10)).contains(step(8, true));
    assertThat(store.prune(PruneRule.keepLast(3))).isEqualTo(new PruneRule.Result(0, 0, 0)); // nothing left to do
    assertThat(store.thread("done").orElseThrow().step()).isEqualTo(10);
    assertThat(store.events("done")).isEmpty();
  }

  @Test
  void olderThanKeepsWhatIsNewerAndTheLastCheckpointAlways() {
    thread("done", RunStatus.DONE);
    // checkpoint n was made at T0 + n s: older than T0 + 5 s are 0..4; 5 is rebuilt from the snapshot at 4
    assertThat(store.prune(PruneRule.olderThan(Duration.ofSeconds(10), at(15))).checkpoints()).isEqualTo(4);
    assertThat(kept("done")).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    // everything old: the last checkpoint and the snapshot it needs stay
    store.prune(PruneRule.olderThan(Duration.ofDays(30), at(100).plus(Duration.ofDays(60))));
    assertThat(kept("done")).containsExactly(8L, 9L, 10L);
  }
}
