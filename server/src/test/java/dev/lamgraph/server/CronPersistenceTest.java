package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.server.runs.ServerRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crons survive a restart (SQLite file, PostgreSQL schema): the next server finds them, fires a
 * slot missed while none ran once (its own ticker, at its clock's now), and resumes the schedule;
 * two servers on one PostgreSQL store fire each slot once.
 */
class CronPersistenceTest {
  static final Instant T0 = CronRoutesTest.T0;

  @TempDir Path dir;

  @Test
  void aSqliteStoreKeepsCronsAcrossARestart() {
    restart("sqlite:" + dir.resolve("lam.db"));
  }

  @Test
  void aPostgresStoreKeepsCronsAcrossARestart() {
    PgServer pg = PgServer.shared();
    restart(pg.url(pg.newSchema()));
  }

  private void restart(String url) {
    TestServer.copyFixtures(dir);
    String thread;
    String cron;
    try (TestServer s = CronRoutesTest.server(dir, url, T0)) {
      thread = (String) s.post("/threads", Map.of()).map().get("thread_id");
      cron = (String) s.post("/threads/" + thread + "/runs/crons", Map.of("assistant_id", "counter", "schedule", "*/5 * * * *",
          "input", Map.of("attempts", 99))).map().get("cron_id");
      List<ServerRun> fired = CronRoutesTest.tick(s, Instant.parse("2026-03-02T10:05:00Z"));
      assertThat(fired).hasSize(1);
      CronRoutesTest.finished(fired.get(0));
    }
    // down from 10:05 to 10:27: the slots 10:10 to 10:25 are missed; the new server's ticker fires once at start
    Instant later = Instant.parse("2026-03-02T10:27:00Z");
    try (TestServer s = CronRoutesTest.server(dir, url, later)) {
      awaitRuns(s, thread, 1);
      assertThat(CronRoutesTest.tick(s, later)).isEmpty();
      Map<String, Object> c = CronRoutesTest.search(s, Map.of()).get(0);
      assertThat(c).containsEntry("cron_id", cron).containsEntry("next_run_date", "2026-03-02T10:30:00Z")
          .containsEntry("thread_id", thread);
      List<ServerRun> next = CronRoutesTest.tick(s, Instant.parse("2026-03-02T10:30:00Z"));
      assertThat(next).hasSize(1);
      CronRoutesTest.finished(next.get(0));
      assertThat(s.get("/threads/" + thread + "/runs").list()).hasSize(2);
    }
  }

  /** Waits until this server has {@code n} runs on the thread, then for them to finish. */
  private static void awaitRuns(TestServer s, String thread, int n) {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    List<Map<String, Object>> runs = s.get("/threads/" + thread + "/runs").list();
    while (runs.size() < n || runs.stream().anyMatch(r -> "pending".equals(r.get("status")) || "running".equals(r.get("status")))) {
      assertThat(System.nanoTime()).as("runs of thread " + thread + ": " + runs).isLessThan(until);
      CronRoutesTest.sleep(20);
      runs = s.get("/threads/" + thread + "/runs").list();
    }
    assertThat(runs).hasSize(n);
  }

  @Test
  void twoServersOnOnePostgresStoreFireEachSlotOnce() throws Exception {
    TestServer.copyFixtures(dir);
    PgServer pg = PgServer.shared();
    String url = pg.url(pg.newSchema());
    try (TestServer a = CronRoutesTest.server(dir, url, T0); TestServer b = CronRoutesTest.server(dir, url, T0)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        TestServer via = i % 2 == 0 ? a : b;
        ids.add((String) via.post("/runs/crons", Map.of("assistant_id", "counter", "schedule", "* * * * *",
            "input", Map.of("attempts", 99))).map().get("cron_id"));
      }
      assertThat(CronRoutesTest.search(a, Map.of("limit", 100))).hasSize(6);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (String slot : List.of("2026-03-02T10:01:00Z", "2026-03-02T10:02:00Z", "2026-03-02T10:03:00Z")) {
          Instant at = Instant.parse(slot);
          CyclicBarrier together = new CyclicBarrier(2);
          Callable<List<ServerRun>> onA = () -> {
            together.await();
            return CronRoutesTest.tick(a, at);
          };
          Callable<List<ServerRun>> onB = () -> {
            together.await();
            return CronRoutesTest.tick(b, at);
          };
          Future<List<ServerRun>> fa = pool.submit(onA);
          Future<List<ServerRun>> fb = pool.submit(onB);
          List<ServerRun> all = new ArrayList<>(fa.get(30, TimeUnit.SECONDS));
          all.addAll(fb.get(30, TimeUnit.SECONDS));
          assertThat(all).as("slot " + slot).hasSize(6);
          for (ServerRun r : all) assertThat(CronRoutesTest.finished(r)).containsEntry("attempts", 100L);
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
