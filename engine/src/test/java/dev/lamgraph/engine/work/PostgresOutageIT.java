package dev.lamgraph.engine.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL server stops in the middle of runs (its own server, so other tests are not
 * disturbed): a run fails with one clear line and resumes when the server is back; a worker waits
 * it out and finishes its runs; no step is lost or applied twice.
 */
class PostgresOutageIT {
  private static PgServer pg;

  @BeforeAll
  static void server() {
    pg = PgServer.start(false);
  }

  @AfterAll
  static void stop() throws Exception {
    pg.stop();
  }

  private String url() {
    return pg.url(pg.newSchema()) + "&connect_timeout=1";
  }

  @Test
  void aRunStoppedByTheOutageFailsClearlyAndResumesWhenTheServerIsBack() throws Exception {
    CompiledGraph graph = NapType.chaosLoop();
    String url = url();
    try (PostgresStore store = PostgresStore.open(url, Map.of())) {
      // the server goes down right after step 10 commits, before step 11 can: the run meets the
      // outage mid-way however fast it steps (the listener runs on the run's thread)
      RunListener l = new RunListener() {
        @Override
        public void stepCommitted(long step, List<String> next, long checkpointBytes) {
          if (step == 10) stopServer();
        }
      };
      try (Runs runs = new Runs(store, RunOptions.defaults().withListener(l))) {
        Throwable t = catchThrowable(() -> runs.start(graph, "outage", Map.of("n", 60L, "nap_ms", 20L)));
        assertThat(t).isInstanceOf(StoreException.class);
        assertThat(((StoreException) t).reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
        assertThat(t.getMessage()).startsWith("cannot reach PostgreSQL at 127.0.0.1:" + pg.port() + " while ")
            .contains("check that the server is running").doesNotContain("\n");

      }
      pg.restart();
    }
    // as `lam resume` would: a new process opens the store again and continues the run
    try (PostgresStore store = PostgresStore.open(url, Map.of()); Runs runs = new Runs(store, RunOptions.defaults())) {
      var t1 = store.thread("outage").orElseThrow();
      assertThat(t1.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(t1.step()).as("the last step committed before the outage").isEqualTo(10L);
      RunResult r = runs.resume(graph, "outage", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      RunChecks.appliedExactlyOnce(store, "outage", 60);
    }
  }

  private static void stopServer() {
    try {
      pg.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** No submitted run still running; false while the pool is still reconnecting. */
  private static boolean idle(PostgresStore store) {
    try {
      return store.leases().isEmpty();
    } catch (StoreException e) {
      return false;
    }
  }

  @Test
  void workersWaitOutAnOutageAndFinishEveryRunExactlyOnce() throws Exception {
    Duration resumed = workerThroughOutage(Duration.ofSeconds(3)); // the outage lasts a few seconds more
    assertThat(resumed).as("the runs finished after the server came back").isLessThan(Duration.ofMinutes(3));
  }

  /**
   * The server is back the moment the worker first meets the outage (while the stop is still
   * going on): the worker finishes its runs within seconds, not after a stuck connection or lease
   * times out (8 runs of 40 naps of 20 ms left, 4 at a time: about 3 s of work).
   */
  @Test
  void aWorkerResumesWithinSecondsWhenTheServerReturnsRightAfterItsFirstError() throws Exception {
    Duration resumed = workerThroughOutage(Duration.ZERO);
    assertThat(resumed).as("the runs finished after the server came back").isLessThan(Duration.ofSeconds(30));
  }

  /**
   * Submits 8 runs of 50 steps; a worker (4 slots, 2 s lease) runs them; the server stops once the
   * first run has committed step 10 (mid-run, whatever the speed) and starts again {@code outage}
   * after the worker's first store error. Checks every run applied each step once; returns the
   * time from the restart until no run was left running.
   */
  private Duration workerThroughOutage(Duration outage) throws Exception {
    CompiledGraph graph = NapType.chaosLoop();
    try (PostgresStore store = PostgresStore.open(url(), Map.of())) {
      List<String> ids = new ArrayList<>();
      try (Runs runs = new Runs(store, RunOptions.defaults())) {
        for (int i = 0; i < 8; i++) ids.add(runs.submit(graph, "w" + i, Map.of("n", 50L, "nap_ms", 20L)));
      }
      AtomicInteger storeErrors = new AtomicInteger();
      AtomicBoolean down = new AtomicBoolean();
      RunListener stopAtStep10 = new RunListener() {
        @Override
        public void stepCommitted(long step, List<String> next, long checkpointBytes) {
          if (step == 10 && down.compareAndSet(false, true)) stopServer();
        }
      };
      Worker w = Worker.start(store, WorkerOptions.defaults().withConcurrency(4).withLease(Duration.ofSeconds(2))
          .withPoll(Duration.ofMillis(100)).withCompiler(NapType.compiler())
          .withRun(RunOptions.defaults().withListener(stopAtStep10))
          .withListener(new WorkerListener() {
            @Override
            public void storeError(String message) {
              storeErrors.incrementAndGet();
            }
          }));
      Duration resumed;
      try {
        long noticed = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (storeErrors.get() == 0) { // down, and the worker has run into it
          assertThat(System.nanoTime()).as("the worker noticed the outage").isLessThan(noticed);
          Thread.sleep(5);
        }
        Thread.sleep(outage.toMillis()); // its length, not a synchronisation
        pg.restart();
        long back = System.nanoTime();
        long deadline = back + Duration.ofMinutes(3).toNanos();
        while (!idle(store) && System.nanoTime() < deadline) Thread.sleep(100);
        resumed = Duration.ofNanos(System.nanoTime() - back);
      } finally {
        w.shutdown(Duration.ofSeconds(10));
      }
      assertThat(storeErrors.get()).as("the worker noticed the outage").isPositive();
      for (String id : ids) RunChecks.appliedExactlyOnce(store, id, 50);
      return resumed;
    }
  }
}
