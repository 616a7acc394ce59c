package dev.lamgraph.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine bug while a worker resumes a run (an unchecked exception that is not a node failure)
 * fails the run once, as {@code engine_error} (failed by the run itself while the worker holds it), instead of passing it from worker to worker.
 */
class WorkerEngineBugTest {
  private static final Duration LEASE = Duration.ofMillis(900);
  private PostgresStore pg;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    PgServer server = PgServer.shared();
    pg = PostgresStore.open(server.url(server.newSchema()), Map.of());
  }

  @AfterEach
  void close() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(5)));
    pg.close();
  }

  @Test
  void anUncheckedExceptionFromTheEngineFailsTheRunOnceWhileTheWorkerStillHoldsIt() throws Exception {
    String id;
    try (Runs r = new Runs(pg, RunOptions.defaults())) {
      id = r.submit(NapType.chaosLoop(), "buggy", Map.of("n", 5L, "nap_ms", 0L));
    }
    List<String> taken = new CopyOnWriteArrayList<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    List<String> storeErrors = new CopyOnWriteArrayList<>();
    Worker w = Worker.start(new BuggyCommit(pg, 3), WorkerOptions.defaults().withLease(LEASE)
        .withPoll(Duration.ofMillis(50)).withCompiler(NapType.compiler()).withListener(new WorkerListener() {
          @Override
          public void taken(String threadId, String fromWorker) {
            taken.add(threadId);
          }

          @Override
          public void failed(String threadId, String message) {
            failed.add(threadId);
          }

          @Override
          public void storeError(String message) {
            storeErrors.add(message);
          }
        }));
    workers.add(w);

    // without the fix the run is released before it is failed, so it is taken again and again
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (pg.thread(id).orElseThrow().status() != RunStatus.FAILED && taken.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(LEASE.toMillis()); // time enough for a wrongly requeued run to be taken again
    ThreadInfo t = pg.thread(id).orElseThrow();
    assertThat(storeErrors).as("the worker's store errors").isEmpty();
    assertThat(t.status()).as("status (%s)", t.detailJson()).isEqualTo(RunStatus.FAILED);
    assertThat(t.detailJson()).contains("engine_error").contains("engine bug on commit of step 3");
    assertThat(t.step()).as("steps 1 and 2 were committed before the bug").isEqualTo(2);
    assertThat(taken).as("taken once, not bounced").containsExactly(id);
    assertThat(failed).containsExactly(id);
    assertThat(t.owner()).as("released after it was failed").isNull();
    assertThat(pg.leases()).isEmpty();
    assertThat(pg.events(id)).extracting(TraceEvent::kind).last().isEqualTo(TraceEvent.Kind.RUN_FAILED.id());
    assertThat(w.running()).isEmpty();
  }

  /** The PostgreSQL store whose commit of step {@code badStep} throws an unchecked exception, as an engine bug would. */
  private static final class BuggyCommit extends ForwardingStore implements RunQueue {
    private final PostgresStore queue;
    private final long badStep;

    BuggyCommit(PostgresStore queue, long badStep) {
      super(queue);
      this.queue = queue;
      this.badStep = badStep;
    }

    @Override
    public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
      if (checkpoint.step() == badStep) throw new IllegalStateException("engine bug on commit of step " + badStep);
      super.commit(threadId, owner, checkpoint, events);
    }

    @Override
    public void submit(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
      queue.submit(thread, initial, events);
    }

    @Override
    public Optional<Taken> take(String worker, Duration lease) {
      return queue.take(worker, lease);
    }

    @Override
    public Set<String> renew(String worker, Collection<String> threadIds, Duration lease) {
      return queue.renew(worker, threadIds, lease);
    }

    @Override
    public void setStatusAs(String threadId, String owner, RunStatus status, String detailJson, List<TraceEvent> events) {
      queue.setStatusAs(threadId, owner, status, detailJson, events);
    }

    @Override
    public Map<String, Lease> leases() {
      return queue.leases();
    }
  }
}
