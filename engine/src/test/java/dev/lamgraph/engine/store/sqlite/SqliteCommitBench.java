package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent.Kind;
import dev.lamgraph.engine.trace.TraceEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Cost of one durable step commit (a small checkpoint and 3 events) on a {@link SqliteStore}:
 * prints one JSON line per round with wall and CPU microseconds per commit (and, on Linux, the
 * microseconds the thread waited for a CPU while runnable: on a busy machine, wall minus that wait
 * is what a quiet one would show, CPU plus I/O waits), then one with the WAL
 * bytes a commit writes (all of which a checkpoint later fsyncs; unlike times, this does not
 * depend on how busy the machine is). Not a test.
 *
 * <pre>
 * mvn -B -q -o -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/cp.txt) \
 *     dev.lamgraph.engine.store.SqliteCommitBench 5000 5 /tmp   # commits per round, rounds, parent dir
 * </pre>
 */
public final class SqliteCommitBench {
  private SqliteCommitBench() {}

  public static void main(String[] args) throws Exception {
    int commits = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir")), "lam-bench");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (SqliteStore store = SqliteStore.open(dir.resolve("lam.db"))) {
      Instant t0 = Instant.now();
      store.create(new ThreadInfo("t", "wf", "wf.yaml", "name: wf\n", "{}", RunStatus.RUNNING, 0, null, null, t0, t0),
          new Checkpoint(0, List.of(), "[]", List.of("act"), t0, "{}"), List.of());
      store.claim("t", "bench", o -> true);
      long step = 0;
      for (int round = 0; round < rounds; round++) {
        long cpu = mx.getCurrentThreadCpuTime();
        long waited = runQueueWaitNanos();
        long wall = System.nanoTime();
        for (int i = 0; i < commits; i++) commit(store, ++step);
        double wallUs = (System.nanoTime() - wall) / 1e3 / commits;
        double cpuUs = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / commits;
        String wait = waited < 0 ? "" : String.format(",\"runq_wait_us\":%.1f", (runQueueWaitNanos() - waited) / 1e3 / commits);
        System.out.printf("{\"bench\":\"sqlite_commit\",\"round\":%d,\"commits\":%d,\"wall_us\":%.1f,\"cpu_us\":%.1f%s}%n",
            round, commits, wallUs, cpuUs, wait);
      }
      // WAL bytes per commit: empty the WAL file, then hold a snapshot open so that it is neither
      // checkpointed nor reused while these commits run: it only grows
      Path wal = dir.resolve("lam.db-wal");
      try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lam.db"));
          Statement s = reader.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        s.execute("BEGIN");
        s.executeQuery("SELECT count(*) FROM threads").close();
        long before = Files.size(wal);
        for (int i = 0; i < commits; i++) commit(store, ++step);
        System.out.printf("{\"bench\":\"sqlite_commit_wal\",\"commits\":%d,\"wal_bytes_per_commit\":%.0f}%n", commits,
            (double) (Files.size(wal) - before) / commits);
        s.execute("COMMIT");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Nanoseconds this thread has waited on a run queue (Linux schedstat), or -1 where unknown. */
  private static long runQueueWaitNanos() {
    try {
      return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split("\\s+")[1]);
    } catch (Exception e) {
      return -1;
    }
  }

  private static void commit(SqliteStore store, long step) {
    Instant now = Instant.now();
    List<TraceEvent> events = List.of(
        TraceEvent.of("t", step, Kind.NODE_STARTED, "act", now, Map.of("attempt", 1L)),
        TraceEvent.of("t", step, Kind.NODE_SUCCEEDED, "act", now, Map.of("ms", 12L, "out", "ok")),
        TraceEvent.of("t", step, Kind.CHECKPOINT_SAVED, null, now, Map.of("bytes", 80L)));
    store.commit("t", "bench", new Checkpoint(step, List.of("act"),
        "[{\"node\":\"act\",\"updates\":{\"n\":" + step + "}}]", List.of("act"), now,
        step % 50 == 0 ? "{\"n\":" + step + "}" : null), events);
  }
}
