package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.work.Worker;
import dev.lamgraph.engine.work.WorkerOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The floor under the PostgreSQL benchmark, on a durable server of its own (fsync on,
 * {@code synchronous_commit} on): commits per second of a loop of single-row INSERT commits
 * through JDBC on 1, 2 and 4 connections (one fsync each, or shared by group commit), and the
 * statements and transactions the server sees per step of one worker running the counting loop
 * (counted from the server's own log with {@code log_statement = all}). Prints one JSON object per line.
 */
public final class PgFloor {
  private final PrintStream out;
  private final PgServer pg;
  private final boolean quick;

  PgFloor(PrintStream out, PgServer pg, boolean quick) {
    this.out = out;
    this.pg = pg;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    new PgFloor(System.out, PgServer.start(true), quick).runAll();
    System.exit(0); // the server stops in a shutdown hook
  }

  void runAll() throws Exception {
    int commits = quick ? 50 : 2000;
    for (int threads : new int[] {1, 2, 4}) commitLoop(threads, commits, 8);
    commitLoop(1, commits, 1000); // about a step's commit: its checkpoint, event and thread rows
    statementsPerStep(quick ? 20 : 200);
  }

  /** {@code threads} connections, each committing {@code commits} single-row INSERTs of about {@code rowBytes} (autocommit). */
  private void commitLoop(int threads, int commits, int rowBytes) throws Exception {
    double seconds = PgCommitLoop.seconds("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres", threads,
        commits, rowBytes);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench", "pg_commit_floor");
    m.put("synchronous_commit", "on");
    m.put("connections", threads);
    m.put("row_bytes", rowBytes);
    m.put("commits", (long) threads * commits);
    m.put("seconds", round(seconds));
    m.put("commits_per_s", round(threads * commits / seconds));
    m.put("ms_per_commit_per_connection", round(seconds * 1000 / commits));
    emit(m);
  }

  /** One worker runs one counting loop of {@code steps} steps with every statement logged by the server. */
  private void statementsPerStep(long steps) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(StepBenchmark.locate("bench/counting-loop.yaml"));
    String url = pg.url(pg.newSchema());
    Path log = Path.of(pg.psql("SHOW data_directory")).getParent().resolve("server.log");
    try (PostgresStore store = PostgresStore.open(url, Map.of()); Runs r = new Runs(store, RunOptions.defaults());
        PostgresStore ws = PostgresStore.open(url, Map.of())) {
      r.submit(g, "s", Map.of("n", steps));
      pg.psql("ALTER SYSTEM SET log_statement = 'all'");
      pg.psql("SELECT pg_reload_conf()");
      Thread.sleep(300);
      long before = Files.size(log);
      Worker w = Worker.start(ws, WorkerOptions.defaults().withPoll(Duration.ofMillis(20)));
      try {
        while (!store.leases().isEmpty()) Thread.sleep(5);
      } finally {
        w.shutdown(Duration.ofSeconds(10));
      }
      pg.psql("ALTER SYSTEM RESET log_statement");
      pg.psql("SELECT pg_reload_conf()");
      String text = new String(Files.readAllBytes(log)).substring((int) before);
      Map<String, Long> kinds = new LinkedHashMap<>();
      long statements = 0;
      for (String line : text.lines().toList()) {
        int at = line.indexOf("LOG:  ");
        if (at < 0) continue;
        String rest = line.substring(at + 6);
        if (!rest.startsWith("statement: ") && !rest.startsWith("execute ")) continue;
        if (rest.contains("WHERE queued AND status = 'running' ORDER BY submitted") // the wait loop above
            || rest.contains("ALTER SYSTEM") || rest.contains("pg_reload_conf")) continue; // turning the log off
        statements++;
        String sql = rest.substring(rest.indexOf(':') + 1).strip();
        String key = sql.length() > 40 ? sql.substring(0, 40) : sql;
        kinds.merge(key, 1L, Long::sum);
      }
      long total = store.threads().stream().mapToLong(t -> t.step()).sum();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench", "pg_statements_per_step");
      m.put("workers", 1);
      m.put("steps", total);
      m.put("statements", statements);
      m.put("statements_per_step", round(statements / (double) total));
      m.put("statement_kinds", kinds);
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
