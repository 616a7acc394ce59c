package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.work.Worker;
import dev.lamgraph.engine.work.WorkerOptions;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a durable PostgreSQL step's time goes (bench/README.md, "PostgreSQL: where a step's commit
 * waits"): on one durable server with {@code pg_stat_statements} and {@code track_wal_io_timing},
 * the same number of commits made four ways, each with the server's WAL counters
 * ({@code pg_stat_wal}) and statement times ({@code pg_stat_statements}) per commit:
 * {@code floor} (single-row INSERTs of 8 bytes), {@code floor_checkpoint_row} (INSERTs of a
 * checkpoint-sized row into a table shaped like {@code lam_checkpoints}), {@code store_commit}
 * ({@link PostgresStore#commit} of recorded steps in a loop, no engine) and {@code engine_worker}
 * (one in-process worker running counting loops). Prints one JSON object per line.
 *
 * <p>Run: {@code java -cp ... dev.lamgraph.engine.bench.PgStepProbe [--quick] [--rounds N] [--server-opts "-c x=y ..."]}.
 */
public final class PgStepProbe {
  private final PrintStream out;
  private final PgServer pg;
  private final int commits;
  boolean waldump;
  boolean stats = true;
  private final List<Long> calls = new ArrayList<>();
  private final PgProbeLoads loads;
  private String currentSchema;
  String only = "";

  PgStepProbe(PrintStream out, PgServer pg, int commits) {
    this.out = out;
    this.pg = pg;
    this.commits = commits;
    this.loads = new PgProbeLoads(pg, commits, calls);
  }

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    boolean quick = a.contains("--quick");
    int rounds = a.contains("--rounds") ? Integer.parseInt(a.get(a.indexOf("--rounds") + 1)) : 1;
    String opts = a.contains("--server-opts") ? a.get(a.indexOf("--server-opts") + 1) : "";
    PgServer pg = server(true, opts);
    int commits = a.contains("--commits") ? Integer.parseInt(a.get(a.indexOf("--commits") + 1)) : quick ? 40 : 2000;
    PgStepProbe p = new PgStepProbe(System.out, pg, commits);
    p.waldump = a.contains("--waldump");
    p.stats = !a.contains("--interleave");
    if (a.contains("--only")) p.only = a.get(a.indexOf("--only") + 1);
    for (int r = 1; r <= rounds; r++) p.round(r, opts);
    System.exit(0); // the server stops in a shutdown hook
  }

  /** A server of its own with pg_stat_statements loaded and WAL I/O timed, plus {@code opts}. */
  static PgServer server(boolean durable, String opts) {
    return PgServer.start(durable, "-c shared_preload_libraries=pg_stat_statements -c track_wal_io_timing=on"
        + " -c track_io_timing=on " + opts);
  }

  void round(int round, String opts) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE IF NOT EXISTS floor (id bigserial PRIMARY KEY, v text)");
      s.execute("CREATE TABLE IF NOT EXISTS floor_cp (thread text NOT NULL, step bigint NOT NULL, time text NOT NULL,"
          + " ran text, next text, writes text, snapshot text, checksum bigint, PRIMARY KEY (thread, step))");
      s.execute("CREATE INDEX IF NOT EXISTS floor_cp_snapshots ON floor_cp (thread, step) WHERE snapshot IS NOT NULL");
    }
    CompiledGraph g = Compiler.withDefaults().compile(StepBenchmark.locate("bench/counting-loop.yaml"));
    currentSchema = pg.newSchema();
    String url = pg.url(currentSchema);
    try (PostgresStore store = PostgresStore.open(url, Map.of()); Runs r = new Runs(store, RunOptions.defaults())) {
      long steps = 200;
      r.start(g, "recorded", Map.of("n", steps)); // the steps store_commit replays
      List<Checkpoint> cps = store.checkpoints("recorded", 1, steps);
      List<TraceEvent> evs = store.events("recorded");
      int cpBytes = (int) Math.round(cps.stream().mapToLong(Checkpoint::bytes).average().orElse(0));
      Map<String, Object> base = new LinkedHashMap<>();
      base.put("round", round);
      base.put("server_opts", opts);
      base.put("loadavg_1", loadavg());
      phase("floor", base, () -> loads.floor("INSERT INTO floor (v) VALUES (?)", 8));
      phase("select_1", base, loads::roundTrips);
      phase("floor_step_sized_row", base, () -> loads.floor("INSERT INTO floor (v) VALUES (?)", 1250));
      phase("floor_checkpoint_row", base, () -> loads.floorCheckpointRow(cpBytes));
      phase("store_commit_no_events", base, () -> loads.storeCommit(store, cps, List.of()));
      phase("store_commit", base, () -> loads.storeCommit(store, cps, evs));
      try (PostgresStore async = PostgresStore.open(url + "&synchronous_commit=off", Map.of())) {
        phase("store_commit_sync_off", base, () -> loads.storeCommit(async, cps, evs));
      }
      phase("raw_commit_cte", base, () -> loads.rawCte(currentSchema, cps, evs, "on"));
      phase("raw_commit_cte_sync_off", base, () -> loads.rawCte(currentSchema, cps, evs, "off"));
      phase("engine_worker", base, () -> engineWorker(g, url, store, r));
      phase("floor", base, () -> loads.floor("INSERT INTO floor (v) VALUES (?)", 8));
    }
  }

  /** Something timed that returns how many commits it made and, optionally, the client's mean call time. */
  private interface Work {
    double[] run() throws Exception;
  }

  private void phase(String name, Map<String, Object> base, Work w) throws Exception {
    if (!only.isEmpty() && !Arrays.asList(only.split(",")).contains(name)) return;
    calls.clear();
    if (!stats) {
      long t0 = System.nanoTime();
      double[] res = w.run();
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<Long> sorted = calls.stream().sorted().toList();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench", "pg_step_probe");
      m.put("phase", name);
      m.putAll(base);
      m.put("commits", (long) res[0]);
      m.put("us_per_commit", round(seconds * 1e6 / res[0]));
      if (!sorted.isEmpty()) {
        m.put("client_us_p50", round(sorted.get(sorted.size() / 2) / 1e3));
        m.put("client_us_p90", round(sorted.get(sorted.size() * 9 / 10) / 1e3));
        m.put("client_us_p99", round(sorted.get(sorted.size() * 99 / 100) / 1e3));
        m.put("client_share_over_3ms", round(sorted.stream().filter(d -> d > 3_000_000).count() / (double) sorted.size()));
      }
      out.println(Json.write(m));
      out.flush();
      return;
    }
    Thread.sleep(1500); // backends report their WAL counters up to a second late: let the last phase's land first
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_reset_shared('wal'), pg_stat_statements_reset()");
    }
    String lsn0 = lsn();
    long t0 = System.nanoTime();
    double[] res = w.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double n = res[0];
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench", "pg_step_probe");
    m.put("phase", name);
    m.putAll(base);
    m.put("commits", (long) n);
    m.put("commits_per_s", round(n / seconds));
    m.put("us_per_commit", round(seconds * 1e6 / n));
    if (res.length > 1) m.put("client_us_per_call", round(res[1]));
    Thread.sleep(1500); // and this phase's
    if (waldump) m.put("wal_by_record_kind", walStats(lsn0, lsn(), n));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes, wal_write, wal_sync, wal_write_time,"
          + " wal_sync_time FROM pg_stat_wal")) {
        rs.next();
        m.put("wal_records_per_commit", round(rs.getLong(1) / n));
        m.put("wal_fpi_per_commit", round(rs.getLong(2) / n));
        m.put("wal_bytes_per_commit", round(rs.getLong(3) / n));
        m.put("wal_writes_per_commit", round(rs.getLong(4) / n));
        m.put("wal_syncs_per_commit", round(rs.getLong(5) / n));
        m.put("wal_write_us_per_commit", round(rs.getDouble(6) * 1000 / n));
        m.put("wal_sync_us_per_commit", round(rs.getDouble(7) * 1000 / n));
        m.put("wal_sync_us_each", rs.getLong(5) == 0 ? 0 : round(rs.getDouble(7) * 1000 / rs.getLong(5)));
      }
      Map<String, Object> top = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 50), calls,"
          + " round(mean_exec_time::numeric * 1000, 1), round(wal_bytes::numeric / calls), shared_blks_hit + shared_blks_read"
          + " FROM pg_stat_statements WHERE calls >= 5 AND query NOT LIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT 6")) {
        while (rs.next()) {
          top.put(rs.getString(1), Map.of("calls", rs.getLong(2), "mean_exec_us", rs.getDouble(3), "wal_bytes_per_call",
              rs.getLong(4), "blocks_per_call", round(rs.getLong(5) / (double) rs.getLong(2))));
        }
      }
      m.put("statements", top);
    }
    out.println(Json.write(m));
    out.flush();
  }

  /**
   * One in-process worker draining counting-loop runs of 200 steps. Besides the phase's wall time (which includes
   * opening the worker's pool and each run's take, claim, status and release), the steps' own period: the gaps
   * between consecutive checkpoint times of a run (the engine stamps each step), recorded as per-call times.
   */
  private double[] engineWorker(CompiledGraph g, String url, PostgresStore store, Runs r) throws Exception {
    int runs = Math.max(1, commits / 200);
    long steps = Math.min(200, commits);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ids.add("w" + i + "_" + System.nanoTime());
      r.submit(g, ids.get(i), Map.of("n", steps));
    }
    try (PostgresStore ws = PostgresStore.open(url, Map.of())) {
      Worker w = Worker.start(ws, WorkerOptions.defaults().withPoll(Duration.ofMillis(20)));
      try {
        while (!store.leases().isEmpty()) Thread.sleep(5);
      } finally {
        w.shutdown(Duration.ofSeconds(10));
      }
    }
    for (String id : ids) {
      List<Checkpoint> cps = store.checkpoints(id, 2, steps);
      StringBuilder trace = new StringBuilder();
      for (int i = 1; i < cps.size(); i++) {
        long d = Duration.between(cps.get(i - 1).time(), cps.get(i).time()).toNanos();
        calls.add(d);
        trace.append(cps.get(i).step()).append(cps.get(i).snapshotJson() != null ? "s" : "").append(':').append(d / 1000).append(' ');
      }
      if (System.getenv("LAM_PROBE_TRACE") != null) System.err.println(id + " " + trace); // step:µs of each gap
    }
    return new double[] {runs * steps};
  }

  private String lsn() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** pg_waldump --stats=record between two LSNs: bytes per commit of each record kind that weighs at least 1%. */
  private Map<String, Object> walStats(String from, String to, double n) throws Exception {
    String text = pg.tool("pg_waldump", "--stats=record", "-p", pg.dataDirectory().resolve("pg_wal").toString(), "-s", from,
        "-e", to);
    Map<String, Object> m = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      String[] f = line.replaceAll("[()]", " ").trim().split("\\s+");
      // Type  N (%)  Record size (%)  FPI size (%)  Combined size (%)
      if (f.length < 9 || !f[1].matches("\\d+") || f[0].equals("Total")) continue;
      long count = Long.parseLong(f[1]);
      long combined = Long.parseLong(f[f.length - 2]);
      if (count / n >= 0.01) m.put(f[0], Map.of("per_commit", round(count / n), "bytes_per_commit", round(combined / n)));
    }
    return m;
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres");
  }

  static double loadavg() {
    try {
      return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return -1;
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
