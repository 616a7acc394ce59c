package dev.lamgraph.engine.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers in this JVM on a real PostgreSQL store: queueing, takeover after a lease expires, shutdown. */
class WorkerTest {
  private static final Duration LEASE = Duration.ofMillis(900);
  private PostgresStore store;
  private CompiledGraph graph;
  private final List<Worker> workers = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    PgServer pg = PgServer.shared();
    store = PostgresStore.open(pg.url(pg.newSchema()), Map.of());
    graph = NapType.chaosLoop();
  }

  @AfterEach
  void close() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(5)));
    store.close();
  }

  private Worker worker(WorkerListener l) {
    Worker w = Worker.start(store, WorkerOptions.defaults().withConcurrency(3).withLease(LEASE)
        .withPoll(Duration.ofMillis(50)).withCompiler(NapType.compiler()).withListener(l));
    workers.add(w);
    return w;
  }

  private List<String> submit(int runs, long n, long napMs) {
    List<String> ids = new ArrayList<>();
    try (Runs r = new Runs(store, RunOptions.defaults())) {
      for (int i = 0; i < runs; i++) ids.add(r.submit(graph, "run-" + i, Map.of("n", n, "nap_ms", napMs)));
    }
    return ids;
  }

  private void awaitDone(List<String> ids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ids.stream().allMatch(id -> store.thread(id).orElseThrow().status() == RunStatus.DONE)) return;
      Thread.sleep(50);
    }
  }

  @Test
  void twoWorkersRunEverySubmittedRunOnceToTheEnd() throws Exception {
    List<String> ids = submit(12, 8, 0);
    assertThat(store.leases()).hasSize(12).allSatisfy((id, l) -> assertThat(l.owner()).isNull());
    Map<String, String> takenBy = new ConcurrentHashMap<>();
    for (int i = 0; i < 2; i++) {
      Worker[] self = new Worker[1];
      self[0] = worker(new WorkerListener() {
        @Override
        public void taken(String threadId, String fromWorker) {
          assertThat(takenBy.put(threadId, "x")).as("taken twice: %s", threadId).isNull();
        }
      });
    }
    awaitDone(ids, Duration.ofMinutes(3));
    for (String id : ids) RunChecks.appliedExactlyOnce(store, id, 8);
    assertThat(takenBy.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(store.leases()).isEmpty();
    assertThat(store.threads()).allSatisfy(t -> assertThat(t.owner()).isNull());
  }

  @Test
  void aRunWhoseWorkerStoppedRenewingIsTakenOverAndTheOldHolderCanCommitNothing() throws Exception {
    List<String> ids = submit(1, 5, 0);
    String id = ids.get(0);
    // a "worker" that takes the run and dies at once: it never renews its lease (long enough that it
    // is still current when the next take comes, however slow the machine)
    RunQueue.Taken dead = store.take("dead@host/w0001", Duration.ofSeconds(5)).orElseThrow();
    assertThat(dead.threadId()).isEqualTo(id);
    assertThat(store.take("other@host/w0002", LEASE)).as("a current lease is not taken").isEmpty();

    List<String> from = new ArrayList<>();
    worker(new WorkerListener() {
      @Override
      public void taken(String threadId, String fromWorker) {
        from.add(fromWorker);
      }
    });
    awaitDone(ids, Duration.ofMinutes(3));
    RunChecks.appliedExactlyOnce(store, id, 5);
    assertThat(from).containsExactly("dead@host/w0001");

    // the old holder wakes up: its step commit and its status change are both refused
    Checkpoint late = new Checkpoint(6, List.of("tick"), "[]", List.of(), java.time.Instant.now(), null);
    StoreException commit = (StoreException) catchThrowable(() -> store.commit(id, "dead@host/w0001", late, List.of()));
    assertThat(commit.reason()).isEqualTo(StoreException.Reason.CONFLICT);
    StoreException status = (StoreException) catchThrowable(
        () -> store.setStatusAs(id, "dead@host/w0001", RunStatus.FAILED, "{}", List.of()));
    assertThat(status.reason()).isEqualTo(StoreException.Reason.CONFLICT);
    RunChecks.appliedExactlyOnce(store, id, 5);
  }

  @Test
  void shutdownStopsAfterTheCurrentStepAndReleasesTheRunsForAnotherWorker() throws Exception {
    // 400 steps of 20 ms: the runs are mid-way when the worker shuts down, once each has applied a step
    List<String> ids = submit(3, 400, 20);
    Worker first = worker(WorkerListener.NONE);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (first.running().size() < 3 || ids.stream().anyMatch(id -> store.thread(id).orElseThrow().step() < 1)) {
      assertThat(System.nanoTime()).as("the worker runs all three").isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(first.running()).hasSize(3);

    assertThat(first.shutdown(Duration.ofSeconds(10))).isTrue();
    for (String id : ids) {
      var t = store.thread(id).orElseThrow();
      assertThat(t.owner()).as("released at once, no lease to wait for").isNull();
      assertThat(t.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(t.step()).isBetween(1L, 399L);
    }
    Set<String> fromWhom = ConcurrentHashMap.newKeySet();
    worker(new WorkerListener() {
      @Override
      public void taken(String threadId, String fromWorker) {
        fromWhom.add(String.valueOf(fromWorker));
      }
    });
    awaitDone(ids, Duration.ofMinutes(3));
    for (String id : ids) RunChecks.appliedExactlyOnce(store, id, 400);
    assertThat(fromWhom).containsExactly("null"); // queued again, not taken over from a lease
  }

  @Test
  void aWorkflowThatNoLongerCompilesFailsTheRunInsteadOfBouncingIt() throws Exception {
    List<String> ids = submit(1, 3, 0);
    List<String> failed = new ArrayList<>();
    // a worker without the `nap` node type cannot compile the stored workflow
    Worker w = Worker.start(store, WorkerOptions.defaults().withLease(LEASE).withPoll(Duration.ofMillis(50))
        .withListener(new WorkerListener() {
          @Override
          public void failed(String threadId, String message) {
            failed.add(threadId);
          }
        }));
    workers.add(w);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (store.thread(ids.get(0)).orElseThrow().status() != RunStatus.FAILED && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    var t = store.thread(ids.get(0)).orElseThrow();
    assertThat(t.status()).isEqualTo(RunStatus.FAILED);
    assertThat(t.detailJson()).contains("workflow_error").contains("nap");
    assertThat(failed).containsExactly(ids.get(0));
    assertThat(store.leases()).isEmpty();
  }

  @Test
  void submittingNeedsAStoreWithARunQueue() throws Exception {
    try (Runs r = new Runs(new MemoryStore(), RunOptions.defaults())) {
      StoreException e = (StoreException) catchThrowable(() -> r.submit(graph, null, Map.of("n", 1L)));
      assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
      assertThat(e.getMessage()).contains("has no run queue").contains("postgresql://");
    }
  }

  @Test
  void aSubmittedRunWithABadInputFailsAtOnceAndIsNotQueued() {
    String id;
    try (Runs r = new Runs(store, RunOptions.defaults())) {
      id = r.submit(graph, "bad", Map.of("n", 3L, "count", "three"));
    }
    var t = store.thread(id).orElseThrow();
    assertThat(t.status()).isEqualTo(RunStatus.FAILED);
    assertThat(t.detailJson()).contains("input_error").contains("count");
    assertThat(store.leases()).isEmpty();
    assertThat(store.take("w@host/w1", LEASE)).isEmpty();
  }
}
