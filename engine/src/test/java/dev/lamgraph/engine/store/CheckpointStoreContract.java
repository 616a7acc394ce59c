package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreException.Reason.CONFLICT;
import static dev.lamgraph.engine.store.StoreException.Reason.EXISTS;
import static dev.lamgraph.engine.store.StoreException.Reason.LOCKED;
import static dev.lamgraph.engine.store.StoreException.Reason.NOT_FOUND;
import static dev.lamgraph.engine.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.trace.TraceEvent.Kind;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@link CheckpointStore} contract, run against every store: extend it and implement
 * {@link #newStore}. Event data uses the types JSON decodes to (Long, Double, String, Boolean,
 * lists, maps), so durable stores can return equal values.
 */
public abstract class CheckpointStoreContract extends StoreContract {

  /** Creates {@code id} (updated at T0, one run_started event) and claims it for OWNER. */
  protected void started(String id) {
    store.create(info(id, T0), initial(T0), List.of(event(id, 0, Kind.RUN_STARTED, null, T0)));
    store.claim(id, OWNER, o -> true);
  }

  // ---- create and read ------------------------------------------------------------------------

  @Test
  void createThenReadRoundTripsEveryField() {
    ThreadInfo full = new ThreadInfo("t-full", "wf", "a/b.yaml", "src:\n  - ✓\n", "{\"a\":[1,2]}", RunStatus.PAUSED, 0,
        "{\"question\":\"ok?\"}", OWNER, Instant.parse("2024-12-31T23:59:59.000000001Z"), at(7).plusNanos(42));
    List<TraceEvent> events = List.of(event("t-full", 0, Kind.RUN_STARTED, null, T0),
        event("t-full", 0, Kind.RUN_PAUSED, "ask", at(1).plusNanos(999_999_999)));
    store.create(full, initial(T0), events);

    assertThat(store.thread("t-full")).contains(full);
    assertThat(store.threads()).containsExactly(full);
    assertThat(store.checkpoints("t-full", 0, 0)).containsExactly(initial(T0));
    assertThat(store.events("t-full")).containsExactly(events.get(0).withSeq(1), events.get(1).withSeq(2));

    ThreadInfo sparse = new ThreadInfo("t-sparse", null, null, null, null, RunStatus.RUNNING, 0, null, null, T0, T0);
    Checkpoint bare = new Checkpoint(0, List.of(), null, List.of(), T0, "{}");
    store.create(sparse, bare, List.of());
    assertThat(store.thread("t-sparse")).contains(sparse);
    assertThat(store.checkpoints("t-sparse", 0, 10)).containsExactly(bare);
    assertThat(store.events("t-sparse")).isEmpty();
  }

  @Test
  void createWithATakenIdIsExistsAndChangesNothing() {
    started("t1");
    ThreadInfo before = store.thread("t1").orElseThrow();

    ThreadInfo other = new ThreadInfo("t1", "other", null, null, "{}", RunStatus.DONE, 0, null, null, at(9), at(9));
    assertThat(failure(() -> store.create(other, initial(at(9)), stepEvents("t1", 0)))).isEqualTo(EXISTS);

    assertThat(store.thread("t1")).contains(before);
    assertThat(store.checkpoints("t1", 0, 100)).containsExactly(initial(T0));
    assertThat(seqs(store.events("t1"))).containsExactly(1L);
  }

  @Test
  void unknownThreadIsNotFound() {
    assertThat(store.thread("nope")).isEmpty();
    assertThat(failure(() -> store.commit("nope", OWNER, step(1, false), List.of()))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.claim("nope", OWNER, o -> true))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.setStatus("nope", RunStatus.DONE, null, List.of()))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.checkpoints("nope", 0, 10))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.snapshotAtOrBefore("nope", 10))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.events("nope"))).isEqualTo(NOT_FOUND);
    store.release("nope", OWNER); // a no-op
    assertThat(store.delete("nope")).isFalse();
    assertThat(store.threads()).isEmpty();
  }

  // ---- commit ---------------------------------------------------------------------------------

  @Test
  void commitAdvancesTheStepAndStoresCheckpointAndEvents() {
    started("t1");
    ThreadInfo before = store.thread("t1").orElseThrow();
    Checkpoint cp1 = step(1, false);
    store.commit("t1", OWNER, cp1, stepEvents("t1", 1));

    ThreadInfo after = store.thread("t1").orElseThrow();
    assertThat(after.step()).isEqualTo(1);
    assertThat(after.updated()).isEqualTo(cp1.time());
    assertThat(after.owner()).isEqualTo(OWNER);
    assertThat(after).usingRecursiveComparison().ignoringFields("step", "updated").isEqualTo(before);
    assertThat(store.checkpoints("t1", 0, 1)).containsExactly(initial(T0), cp1);

    List<TraceEvent> events = store.events("t1");
    assertThat(seqs(events)).containsExactly(1L, 2L, 3L, 4L);
    List<TraceEvent> expected = stepEvents("t1", 1);
    assertThat(events.subList(1, 4)).containsExactly(expected.get(0).withSeq(2), expected.get(1).withSeq(3),
        expected.get(2).withSeq(4));

    Checkpoint cp2 = new Checkpoint(2, List.of(), null, List.of(), at(2), null);
    store.commit("t1", OWNER, cp2, List.of());
    assertThat(store.thread("t1").orElseThrow().step()).isEqualTo(2);
    assertThat(store.checkpoints("t1", 2, 2)).containsExactly(cp2);
    assertThat(store.events("t1")).hasSize(4);
  }

  @Test
  void commitOfAWrongStepIsConflictAndChangesNothing() {
    started("t1");
    store.commit("t1", OWNER, step(1, false), stepEvents("t1", 1));
    ThreadInfo before = store.thread("t1").orElseThrow();

    assertThat(failure(() -> store.commit("t1", OWNER, step(3, false), stepEvents("t1", 3)))).isEqualTo(CONFLICT);
    assertThat(failure(() -> store.commit("t1", OWNER, step(1, true), stepEvents("t1", 1)))).isEqualTo(CONFLICT);
    assertThat(failure(() -> store.commit("t1", OWNER, step(0, true), stepEvents("t1", 0)))).isEqualTo(CONFLICT);

    assertThat(store.thread("t1")).contains(before);
    assertThat(store.checkpoints("t1", 0, 10)).containsExactly(initial(T0), step(1, false));
    assertThat(seqs(store.events("t1"))).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void commitByAnotherOwnerOrWithoutOwnerIsConflict() {
    started("t1");
    assertThat(failure(() -> store.commit("t1", OTHER, step(1, false), stepEvents("t1", 1)))).isEqualTo(CONFLICT);
    store.create(info("t2", T0), initial(T0), List.of());
    assertThat(failure(() -> store.commit("t2", OWNER, step(1, false), List.of()))).isEqualTo(CONFLICT);

    assertThat(store.thread("t1").orElseThrow().step()).isZero();
    assertThat(store.thread("t2").orElseThrow().step()).isZero();
    assertThat(store.checkpoints("t1", 0, 10)).hasSize(1);
    assertThat(store.events("t1")).hasSize(1);
    store.commit("t1", OWNER, step(1, false), List.of()); // the owner still can
    assertThat(store.thread("t1").orElseThrow().step()).isEqualTo(1);
  }

  // ---- claim and release ----------------------------------------------------------------------

  @Test
  void claimTakesFreeOrDeadOwnershipButNotALiveOne() {
    store.create(info("t1", T0), initial(T0), List.of());
    ThreadInfo created = store.thread("t1").orElseThrow();
    store.claim("t1", OWNER, o -> true);
    assertThat(store.thread("t1").orElseThrow().owner()).isEqualTo(OWNER);
    store.claim("t1", OWNER, o -> true); // the owner may claim again
    assertThat(store.thread("t1").orElseThrow().owner()).isEqualTo(OWNER);

    List<String> asked = new ArrayList<>();
    Throwable t = catchThrowable(() -> store.claim("t1", OTHER, o -> asked.add(o)));
    assertThat(t).isInstanceOf(StoreException.class).hasMessageContaining(OWNER);
    assertThat(((StoreException) t).reason()).isEqualTo(LOCKED);
    assertThat(asked).containsExactly(OWNER);
    assertThat(store.thread("t1").orElseThrow().owner()).isEqualTo(OWNER);

    store.claim("t1", OTHER, o -> !o.equals(OWNER)); // OWNER is gone
    ThreadInfo claimed = store.thread("t1").orElseThrow();
    assertThat(claimed.owner()).isEqualTo(OTHER);
    assertThat(claimed).usingRecursiveComparison().ignoringFields("owner").isEqualTo(created);
  }

  @Test
  void releaseOnlyByTheOwner() {
    started("t1");
    store.release("t1", OTHER);
    assertThat(store.thread("t1").orElseThrow().owner()).isEqualTo(OWNER);
    store.release("t1", OWNER);
    assertThat(store.thread("t1").orElseThrow().owner()).isNull();
    assertThat(failure(() -> store.commit("t1", OWNER, step(1, false), List.of()))).isEqualTo(CONFLICT);
    store.claim("t1", OTHER, o -> true); // free again: no one is asked
    assertThat(store.thread("t1").orElseThrow().owner()).isEqualTo(OTHER);
  }

  // ---- reading checkpoints ------------------------------------------------------------------

  @Test
  void checkpointsReturnsTheInclusiveRangeInStepOrder() {
    started("t1");
    for (long n = 1; n <= 5; n++) store.commit("t1", OWNER, step(n, n == 3), List.of());

    assertThat(store.checkpoints("t1", 2, 4)).containsExactly(step(2, false), step(3, true), step(4, false));
    assertThat(steps(store.checkpoints("t1", 0, Long.MAX_VALUE))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(store.checkpoints("t1", 3, 3)).containsExactly(step(3, true));
    assertThat(store.checkpoints("t1", 4, 2)).isEmpty();
    assertThat(store.checkpoints("t1", 6, 10)).isEmpty();
  }

  @Test
  void snapshotAtOrBeforeFindsTheNearestEarlierSnapshot() {
    started("t1");
    for (long n = 1; n <= 5; n++) store.commit("t1", OWNER, step(n, n == 3), List.of());

    assertThat(store.snapshotAtOrBefore("t1", 0)).contains(initial(T0));
    assertThat(store.snapshotAtOrBefore("t1", 2)).contains(initial(T0));
    assertThat(store.snapshotAtOrBefore("t1", 3)).contains(step(3, true));
    assertThat(store.snapshotAtOrBefore("t1", 5)).contains(step(3, true));
    assertThat(store.snapshotAtOrBefore("t1", 1000)).contains(step(3, true));
    assertThat(store.snapshotAtOrBefore("t1", -1)).isEmpty();
  }

  // ---- status and events ----------------------------------------------------------------------

  @Test
  void setStatusStoresStatusDetailAndEventsTogether() {
    started("t1");
    store.commit("t1", OWNER, step(1, false), List.of());
    TraceEvent paused = event("t1", 1, Kind.RUN_PAUSED, "ask", at(30));
    store.setStatus("t1", RunStatus.PAUSED, "{\"question\":\"ok?\"}", List.of(paused));

    ThreadInfo t = store.thread("t1").orElseThrow();
    assertThat(t.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(t.detailJson()).isEqualTo("{\"question\":\"ok?\"}");
    assertThat(t.updated()).isEqualTo(at(30));
    assertThat(t.step()).isEqualTo(1);
    assertThat(t.owner()).isEqualTo(OWNER);
    assertThat(store.events("t1")).last().isEqualTo(paused.withSeq(2));

    Instant before = Instant.now();
    store.setStatus("t1", RunStatus.DONE, null, List.of());
    Instant after = Instant.now();
    t = store.thread("t1").orElseThrow();
    assertThat(t.status()).isEqualTo(RunStatus.DONE);
    assertThat(t.detailJson()).isNull();
    assertThat(t.updated()).isBetween(before, after);
    assertThat(store.events("t1")).hasSize(2);
  }

  @Test
  void eventsKeepTheirOrderWithSeqFromOnePerThread() {
    started("t1");
    store.create(info("t2", T0), initial(T0), List.of());
    store.claim("t2", OWNER, o -> true);
    store.commit("t1", OWNER, step(1, false), stepEvents("t1", 1));
    store.commit("t2", OWNER, step(1, false), stepEvents("t2", 1));
    store.setStatus("t1", RunStatus.RUNNING, null, List.of(event("t1", 1, Kind.NODE_RETRY, "act", at(1))));
    store.commit("t1", OWNER, step(2, false), List.of());
    store.commit("t1", OWNER, step(3, false), List.of(event("t1", 3, Kind.RUN_FINISHED, null, at(3))));

    List<TraceEvent> t1 = store.events("t1");
    assertThat(seqs(t1)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(t1).extracting(TraceEvent::kind).containsExactly("run_started", "node_started", "node_succeeded",
        "checkpoint_saved", "node_retry", "run_finished");
    assertThat(t1).extracting(TraceEvent::step).containsExactly(0L, 1L, 1L, 1L, 1L, 3L);
    assertThat(t1).extracting(TraceEvent::thread).containsOnly("t1");
    assertThat(seqs(store.events("t2"))).containsExactly(1L, 2L, 3L);
  }

  @Test
  void interleavedStatusChangesAndCommitsKeepEventsInSeqOrder() {
    started("t1");
    List<TraceEvent> expected = new ArrayList<>(store.events("t1"));
    List<TraceEvent> resumed = List.of(event("t1", 0, Kind.RUN_RESUMED, null, at(1)), event("t1", 0, Kind.NODE_RETRY, "a", at(1)));
    store.setStatus("t1", RunStatus.RUNNING, null, resumed);
    expected.addAll(resumed);
    store.commit("t1", OWNER, step(1, false), stepEvents("t1", 1));
    expected.addAll(stepEvents("t1", 1));
    TraceEvent retry = event("t1", 1, Kind.NODE_RETRY, "act", at(1).plusNanos(1));
    store.setStatus("t1", RunStatus.RUNNING, null, List.of(retry));
    expected.add(retry);
    store.commit("t1", OWNER, step(2, true), List.of());
    store.setStatus("t1", RunStatus.RUNNING, null, List.of()); // no events: takes no seq
    store.commit("t1", OWNER, step(3, false), stepEvents("t1", 3));
    expected.addAll(stepEvents("t1", 3));
    TraceEvent paused = event("t1", 3, Kind.RUN_PAUSED, "ask", at(3).plusNanos(5));
    store.setStatus("t1", RunStatus.PAUSED, "{\"q\":1}", List.of(paused));
    expected.add(paused);
    List<TraceEvent> resumedAgain = List.of(event("t1", 3, Kind.RUN_RESUMED, null, at(4)));
    store.setStatus("t1", RunStatus.RUNNING, null, resumedAgain);
    expected.addAll(resumedAgain);
    store.commit("t1", OWNER, step(4, false), stepEvents("t1", 4));
    expected.addAll(stepEvents("t1", 4));

    List<TraceEvent> events = store.events("t1");
    assertThat(seqs(events)).isEqualTo(LongStream.rangeClosed(1, expected.size()).boxed().toList());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(events.get(i)).as("event %d", i + 1).isEqualTo(expected.get(i).withSeq(i + 1));
    }
    ThreadInfo t = store.thread("t1").orElseThrow();
    assertThat(t.step()).isEqualTo(4);
    assertThat(t.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(t.updated()).isEqualTo(at(4)); // step 4's checkpoint time, the latest change
  }

  @Test
  void updatedIsTheTimeOfTheLatestChangeAsGiven() {
    started("t1"); // updated T0
    store.setStatus("t1", RunStatus.RUNNING, null, List.of(event("t1", 0, Kind.RUN_RESUMED, null, at(20))));
    assertThat(store.thread("t1").orElseThrow().updated()).isEqualTo(at(20));
    store.commit("t1", OWNER, step(1, false), List.of()); // a checkpoint time earlier than the status change
    assertThat(store.thread("t1").orElseThrow().updated()).isEqualTo(at(1));
    store.setStatus("t1", RunStatus.PAUSED, null, List.of(event("t1", 1, Kind.RUN_PAUSED, null, at(1).minusNanos(1))));
    assertThat(store.thread("t1").orElseThrow().updated()).isEqualTo(at(1).minusNanos(1));
    store.claim("t1", OTHER, o -> false); // ownership is not a change of the run
    store.release("t1", OTHER);
    ThreadInfo t = store.thread("t1").orElseThrow();
    assertThat(t.updated()).isEqualTo(at(1).minusNanos(1));
    assertThat(t.step()).isEqualTo(1);
    assertThat(store.threads()).containsExactly(t);
  }

  // ---- delete and listing ---------------------------------------------------------------------

  @Test
  void deleteRemovesTheThreadWithItsCheckpointsAndEvents() {
    started("t1");
    started("t2");
    store.commit("t1", OWNER, step(1, false), stepEvents("t1", 1));
    store.commit("t2", OWNER, step(1, true), stepEvents("t2", 1));

    assertThat(store.delete("t1")).isTrue();
    assertThat(store.thread("t1")).isEmpty();
    assertThat(store.threads()).extracting(ThreadInfo::id).containsExactly("t2");
    assertThat(failure(() -> store.events("t1"))).isEqualTo(NOT_FOUND);
    assertThat(failure(() -> store.checkpoints("t1", 0, 10))).isEqualTo(NOT_FOUND);
    assertThat(store.delete("t1")).isFalse();
    assertThat(store.events("t2")).hasSize(4);
    assertThat(store.checkpoints("t2", 0, 10)).hasSize(2);

    store.create(info("t1", T0), initial(T0), stepEvents("t1", 0)); // the id is free again, from scratch
    assertThat(seqs(store.events("t1"))).containsExactly(1L, 2L, 3L);
    assertThat(store.checkpoints("t1", 0, 10)).containsExactly(initial(T0));
  }

  @Test
  void threadsListsMostRecentlyUpdatedFirstThenById() {
    store.create(info("a", at(1)), initial(T0), List.of());
    store.create(info("c", at(3)), initial(T0), List.of());
    store.create(info("b", at(3)), initial(T0), List.of());
    store.create(info("d", at(2)), initial(T0), List.of());
    assertThat(store.threads()).extracting(ThreadInfo::id).containsExactly("b", "c", "d", "a");

    store.claim("a", OWNER, o -> true);
    store.commit("a", OWNER, new Checkpoint(1, List.of("x"), "[]", List.of(), at(5), null), List.of());
    store.setStatus("d", RunStatus.FAILED, "{}", List.of(event("d", 0, Kind.RUN_FAILED, null, at(4))));
    store.setStatus("c", RunStatus.DONE, null, List.of(event("c", 0, Kind.RUN_FINISHED, null, at(3).plusNanos(1))));
    assertThat(store.threads()).extracting(ThreadInfo::id).containsExactly("a", "d", "c", "b");
  }

  // ---- durability -----------------------------------------------------------------------------

  @Test
  void dataSurvivesCloseAndReopen() {
    Assumptions.assumeTrue(durable(), "not a durable store");
    started("t1");
    for (long n = 1; n <= 3; n++) store.commit("t1", OWNER, step(n, n == 2), stepEvents("t1", n));
    store.setStatus("t1", RunStatus.PAUSED, "{\"q\":1}", List.of(event("t1", 3, Kind.RUN_PAUSED, "ask", at(4))));
    store.create(info("t2", at(9)), initial(T0), List.of());
    List<ThreadInfo> threads = store.threads();
    List<Checkpoint> checkpoints = store.checkpoints("t1", 0, 10);
    List<TraceEvent> events = store.events("t1");
    store.close();

    store = newStore(dir);
    assertThat(store.threads()).isEqualTo(threads);
    assertThat(store.checkpoints("t1", 0, 10)).isEqualTo(checkpoints);
    assertThat(store.events("t1")).isEqualTo(events);
    assertThat(store.snapshotAtOrBefore("t1", 3)).contains(step(2, true));

    store.commit("t1", OWNER, step(4, false), stepEvents("t1", 4)); // carries on where it was
    assertThat(seqs(store.events("t1"))).isEqualTo(LongStream.rangeClosed(1, 14).boxed().toList());
    assertThat(failure(() -> store.create(info("t2", T0), initial(T0), List.of()))).isEqualTo(EXISTS);
  }
}
