package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.work.NapType;
import dev.lamgraph.engine.work.Worker;
import dev.lamgraph.engine.work.WorkerListener;
import dev.lamgraph.engine.work.WorkerMain;
import dev.lamgraph.engine.work.WorkerOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL benchmark of bench/README.md, on a server of its own with PostgreSQL's default
 * durability (fsync on): steps per second with 1, 2 and 4 workers, with {@code synchronous_commit}
 * on (the default: a commit waits for its WAL flush) and off; the takeover time after a
 * worker process is killed; checkpoint bytes per step of a 500-step run with a growing message
 * list (PostgreSQL and SQLite). Prints one JSON object per line.
 *
 * <p>Run: {@code bench/run.sh} (or {@code --quick}).
 */
public final class PgBenchmark {
  private final PrintStream out;
  private final PgServer pg;
  private final boolean quick;
  private boolean warmUp;
  private boolean skipWarmUp;

  PgBenchmark(PrintStream out, PgServer pg, boolean quick) {
    this.out = out;
    this.pg = pg;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    PgBenchmark b = new PgBenchmark(System.out, PgServer.start(true), quick);
    b.skipWarmUp = Arrays.asList(args).contains("--no-warm-up"); // to see what the warm-up is for
    b.runAll(Files.createTempDirectory("lam-pg-bench"));
    System.exit(0); // the server stops in a shutdown hook
  }

  void runAll(Path dir) throws Exception {
    CompiledGraph counting = Compiler.withDefaults().compile(StepBenchmark.locate("bench/counting-loop.yaml"));
    int runs = quick ? 4 : 40;
    long steps = quick ? 20 : 200;
    // warm-up, not printed: the first runs of a fresh JVM (class loading, JIT compilation on 2 cores) and of a fresh
    // server (new WAL segments) are several times slower than the rest, and used to be charged to "1 worker, sync on"
    if (!skipWarmUp) {
      warmUp = true;
      workers(counting, 2, runs / 2, steps, "on", "");
      warmUp = false;
    }
    for (String sync : new String[] {"on", "off"}) {
      for (int workers : new int[] {1, 2, 4}) workers(counting, workers, runs, steps, sync, "");
    }
    // group commit on the server (what an operator may set; lamgraph never does): a flush waits commit_delay µs for
    // others' commits when at least commit_siblings other transactions are open
    for (String delay : quick ? new String[] {"100"} : new String[] {"100", "300", "1000"}) {
      pg.psql("ALTER SYSTEM SET commit_delay = " + delay);
      pg.psql("ALTER SYSTEM SET commit_siblings = 1");
      pg.psql("SELECT pg_reload_conf()");
      try {
        for (int workers : new int[] {1, 2, 4}) {
          workers(counting, workers, runs, steps, "on", "commit_delay=" + delay + " commit_siblings=1");
        }
      } finally {
        pg.psql("ALTER SYSTEM RESET commit_delay");
        pg.psql("ALTER SYSTEM RESET commit_siblings");
        pg.psql("SELECT pg_reload_conf()");
      }
    }
    takeover(quick ? 2 : 5);
    CompiledGraph messages = Compiler.withDefaults().compile(StepBenchmark.locate("bench/messages-loop.yaml"));
    long n = quick ? 50 : 500;
    checkpointBytes(messages, "postgresql", PostgresStore.open(pg.url(pg.newSchema()), Map.of()), n);
    checkpointBytes(messages, "sqlite", Stores.open("sqlite:" + dir.resolve("messages.db"), Map.of()), n);
  }

  /**
   * {@code runs} runs of {@code steps} steps on {@code workers} in-process workers (one run at a time each, own pool),
   * right after the commit floor on as many connections on the same server (the disk's flush time swings from minute
   * to minute, so a floor from another moment says little). Besides steps per second, the step's period: the gaps
   * between consecutive checkpoint times of a run (the engine stamps each step), without the runs' start and end.
   */
  private void workers(CompiledGraph g, int workers, int runs, long steps, String sync, String settings) throws Exception {
    double floor = PgCommitLoop.commitsPerSecond("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres",
        workers, quick ? 50 : 1000, 8);
    String url = pg.url(pg.newSchema()) + "&synchronous_commit=" + sync;
    List<CheckpointStore> stores = new ArrayList<>();
    List<Worker> ws = new ArrayList<>();
    try (PostgresStore store = PostgresStore.open(url, Map.of()); Runs r = new Runs(store, RunOptions.defaults())) {
      for (int i = 0; i < runs; i++) r.submit(g, "b" + i, Map.of("n", steps));
      if (!quick) Thread.sleep(1100); // backends report WAL counters up to 1 s late: the submits' first
      pg.psql("SELECT pg_stat_reset_shared('wal')");
      long t0 = System.nanoTime();
      for (int i = 0; i < workers; i++) {
        CheckpointStore s = PostgresStore.open(url, Map.of());
        stores.add(s);
        ws.add(Worker.start(s, WorkerOptions.defaults().withPoll(Duration.ofMillis(20))));
      }
      while (!store.leases().isEmpty()) Thread.sleep(5);
      double seconds = (System.nanoTime() - t0) / 1e9;
      ws.forEach(w -> w.shutdown(Duration.ofSeconds(10)));
      stores.forEach(CheckpointStore::close); // their backends exit, reporting their WAL counters
      ws.clear();
      stores.clear();
      if (!quick) Thread.sleep(1100);
      long syncs = Long.parseLong(pg.psql("SELECT wal_sync FROM pg_stat_wal"));
      long total = 0;
      List<Long> gaps = new ArrayList<>();
      for (var t : store.threads()) {
        if (t.status() != RunStatus.DONE) throw new IllegalStateException(t.id() + " ended " + t.status());
        total += t.step();
        List<Checkpoint> cps = store.checkpoints(t.id(), 2, t.step() - 1);
        for (int i = 1; i < cps.size(); i++) gaps.add(Duration.between(cps.get(i - 1).time(), cps.get(i).time()).toNanos());
      }
      gaps.sort(null);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench", "pg_workers");
      m.put("store", "postgresql");
      m.put("synchronous_commit", sync);
      m.put("server_settings", settings);
      m.put("workers", workers);
      m.put("concurrency_per_worker", 1);
      m.put("runs", runs);
      m.put("steps", total);
      m.put("seconds", round(seconds));
      m.put("steps_per_s", round(total / seconds));
      m.put("steps_per_s_per_worker", round(total / seconds / workers));
      m.put("step_us_p50", round(gaps.get(gaps.size() / 2) / 1e3));
      m.put("step_us_p90", round(gaps.get(gaps.size() * 9 / 10) / 1e3));
      m.put("wal_flushes_per_step", round(syncs / (double) total)); // < 1: commits shared a flush (group commit)
      m.put("floor_commits_per_s", round(floor)); // synchronous_commit on, `workers` connections, measured just before
      m.put("steps_per_floor_commit", round(total / seconds / floor));
      m.put("loadavg_1", PgStepProbe.loadavg());
      if (!warmUp) emit(m);
    } finally {
      ws.forEach(w -> w.shutdown(Duration.ofSeconds(10)));
      stores.forEach(CheckpointStore::close);
    }
  }

  /** A worker process holding {@code held} runs is killed (SIGKILL); how long until another worker holds each again. */
  private void takeover(int held) throws Exception {
    String url = pg.url(pg.newSchema());
    Duration lease = Duration.ofSeconds(quick ? 1 : 5);
    Duration poll = Duration.ofMillis(200);
    try (PostgresStore store = PostgresStore.open(url, Map.of()); Runs r = new Runs(store, RunOptions.defaults())) {
      CompiledGraph g = NapType.chaosLoop();
      for (int i = 0; i < held; i++) r.submit(g, "k" + i, Map.of("n", 100_000L, "nap_ms", 50L));
      Process victim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), WorkerMain.class.getName(), url, String.valueOf(held),
          String.valueOf(lease.toMillis()), String.valueOf(poll.toMillis())).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      while (store.leases().values().stream().filter(l -> l.owner() != null).count() < held) Thread.sleep(20);
      Thread.sleep(lease.toMillis()); // let it work (and renew) for a while
      Map<String, Long> takenAt = new ConcurrentHashMap<>();
      victim.destroyForcibly();
      victim.waitFor(10, TimeUnit.SECONDS);
      long killed = System.nanoTime();
      Worker w = Worker.start(store, WorkerOptions.defaults().withConcurrency(held).withLease(lease).withPoll(poll)
          .withCompiler(NapType.compiler()).withListener(new WorkerListener() {
            @Override
            public void taken(String threadId, String fromWorker) {
              takenAt.putIfAbsent(threadId, System.nanoTime());
            }
          }));
      try {
        while (takenAt.size() < held) Thread.sleep(5);
      } finally {
        w.shutdown(Duration.ofSeconds(10));
      }
      List<Double> ms = takenAt.values().stream().map(t -> (t - killed) / 1e6).sorted().toList();
      emit(Map.of("bench", "pg_takeover", "store", "postgresql", "lease_ms", lease.toMillis(), "poll_ms", poll.toMillis(),
          "runs", held, "takeover_ms_min", round(ms.get(0)), "takeover_ms_max", round(ms.get(ms.size() - 1))));
    }
  }

  /** One run of {@code n} steps appending a message each: bytes stored per step versus a full copy per step. */
  private void checkpointBytes(CompiledGraph g, String name, CheckpointStore store, long n) throws Exception {
    String text = "x".repeat(200);
    try (store; Runs r = new Runs(store, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      RunResult res = r.start(g, "m", Map.of("n", n, "text", text));
      long nanos = System.nanoTime() - t0;
      if (res.status() != RunStatus.DONE) throw new IllegalStateException("messages-loop ended " + res.status());
      long bytes = 0, snapshots = 0, writes = 0;
      for (Checkpoint c : store.checkpoints("m", 1, n + 1)) {
        bytes += c.bytes();
        writes += c.writesJson().length();
        if (c.snapshotJson() != null) snapshots++;
      }
      long finalState = Json.write(res.state()).length();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench", "checkpoint_bytes");
      m.put("store", name);
      m.put("steps", n);
      m.put("checkpoint_bytes_per_step", round(bytes / (double) n));
      m.put("writes_bytes_per_step", round(writes / (double) n));
      m.put("snapshots", snapshots);
      m.put("final_state_bytes", finalState);
      m.put("full_copy_bytes_per_step", round(finalState / 2.0)); // a copy of the state each step: ~ half the final size on average
      m.put("us_per_step", round(nanos / 1000.0 / n));
      emit(m);
    }
  }

  private void emit(Map<String, Object> fields) {
    Map<String, Object> m = new LinkedHashMap<>(fields);
    m.put("quick", quick);
    out.println(Json.write(m));
    out.flush();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
