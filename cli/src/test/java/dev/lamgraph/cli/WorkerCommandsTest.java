package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PgServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lam submit, lam worker --until-idle, lam runs' worker column and lam prune, on a real PostgreSQL store. */
class WorkerCommandsTest {
  @TempDir Path dir;
  private String store;

  @BeforeEach
  void store() {
    PgServer pg = PgServer.shared();
    store = pg.url(pg.newSchema());
  }

  @Test
  @SuppressWarnings("unchecked")
  void submittedRunsAreQueuedThenRunByAWorkerThenPruned() {
    for (int i = 1; i <= 3; i++) {
      Lam.Result r = Lam.run(dir, "submit", Lam.workflow("count.yaml"), "--thread", "c" + i, "--input", "n=" + (10 * i),
          "--store", store);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).startsWith("queued count as thread c" + i + " (store " + store + ")\n");
    }
    Lam.Result queued = Lam.run(dir, "runs", "--store", store);
    List<String> lines = queued.out().lines().toList();
    assertThat(lines.get(0)).matches("THREAD +WORKFLOW +VERSION +STATUS +STEPS +UPDATED +WORKER");
    assertThat(lines.subList(1, 4)).allMatch(l -> l.matches("c\\d +count +[0-9a-f]{8} +queued +0 +(just now|\\d+s ago) +-"));

    Lam.Result w = Lam.run(dir, "worker", "--until-idle", "--concurrency", "2", "--poll", "50ms", "--name", "w-test",
        "--store", store);
    assertThat(w.code()).as(w.toString()).isZero();
    assertThat(w.out()).startsWith("worker w-test on " + store + ": 2 at a time, lease 15s, until idle\n")
        .contains("took c1\n", "took c2\n", "took c3\n", "c1 done after 10 steps\n", "c3 done after 30 steps\n")
        .endsWith("worker w-test stopped\n");

    List<Object> runs = Lam.run(dir, "runs", "--json", "--store", store).jsonList();
    assertThat(runs).hasSize(3).allSatisfy(o -> assertThat((Map<String, Object>) o)
        .containsEntry("status", "done").containsEntry("worker", null));
    Map<String, Object> c3 = Lam.run(dir, "state", "c3", "--json", "--store", store).json();
    assertThat(((Map<String, Object>) c3.get("state")).get("seen")).isEqualTo(LongStream.rangeClosed(1, 30).boxed().toList());

    Lam.Result pruned = Lam.run(dir, "prune", "--keep-last", "5", "--store", store);
    assertThat(pruned.code()).as(pruned.toString()).isZero();
    // no snapshot after step 0 in runs this small: the base snapshot and its writes stay
    assertThat(pruned.out()).isEqualTo("removed 0 checkpoints (0 B) of 0 finished threads in " + store + "\n");
    Map<String, Object> after = Lam.run(dir, "state", "c3", "--json", "--store", store).json();
    assertThat(after.get("state")).isEqualTo(c3.get("state"));
  }

  @Test
  void workersAndSubmitNeedAStoreWithARunQueue() {
    String sqlite = "sqlite:" + dir.resolve("lam.db");
    Lam.Result s = Lam.run(dir, "submit", Lam.workflow("count.yaml"), "--input", "n=1", "--store", sqlite);
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err()).startsWith("lam: error: the store " + sqlite + " has no run queue;").contains("postgresql://");
    Lam.Result w = Lam.run(dir, "worker", "--store", sqlite);
    assertThat(w.code()).isEqualTo(2);
    assertThat(w.err()).contains("has no run queue");
    Lam.Result p = Lam.run(dir, "prune", "--keep-last", "0", "--store", store);
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.err()).isEqualTo("lam: error: --keep-last must be at least 1, not 0\n");
    Lam.Result both = Lam.run(dir, "prune", "--keep-last", "3", "--older-than", "30d", "--store", store);
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aBadPasswordIsOneLineAndExitsOne() {
    PgServer pg = PgServer.shared();
    Lam.Result r = Lam.run(dir, "runs", "--store", pg.url(PgServer.SECRET_USER, "nope", "postgres"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("lam: error: PostgreSQL at 127.0.0.1:" + pg.port() + " rejected the password of user '"
        + PgServer.SECRET_USER + "'; fix the password in the store URL (postgresql://USER:PASSWORD@...) or $PGPASSWORD\n");
    assertThat(r.out()).isEmpty();
  }
}
