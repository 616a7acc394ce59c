package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The counting loop through the command a user starts: {@code lam worker --until-idle} processes
 * (the repository's {@code ./lam} launcher, built beforehand) draining 20 submitted runs of 200
 * steps from a durable PostgreSQL server of its own, with the launcher's JIT (C1 only) and with
 * full tiered compilation ({@code LAM_JAVA_OPTS=-XX:TieredStopAtLevel=4}), alternating, each right
 * after the commit floor on one connection. Fields: {@code steps_per_s} over the process's whole
 * life (JVM start included), and the steady step period ({@code step_us_p50}/{@code _p90}) from the
 * gaps between consecutive checkpoint times. Prints one JSON object per line.
 *
 * <p>Run: {@code java -cp ... dev.lamgraph.engine.bench.PgWorkerProcess [ROUNDS]} from the engine directory.
 */
public final class PgWorkerProcess {
  private final PrintStream out;
  private final PgServer pg;

  PgWorkerProcess(PrintStream out, PgServer pg) {
    this.out = out;
    this.pg = pg;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    PgWorkerProcess b = new PgWorkerProcess(System.out, PgServer.start(true));
    for (int r = 1; r <= rounds; r++) {
      b.run(r, "C1 only (launcher default)", "");
      b.run(r, "tiered C1+C2", "-XX:TieredStopAtLevel=4");
    }
    System.exit(0); // the server stops in a shutdown hook
  }

  void run(int round, String jit, String javaOpts) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(StepBenchmark.locate("bench/counting-loop.yaml"));
    String url = pg.url(pg.newSchema());
    int runs = 20;
    long steps = 200;
    double floor = PgCommitLoop.commitsPerSecond("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres", 1,
        1000, 8);
    try (PostgresStore store = PostgresStore.open(url, Map.of()); Runs r = new Runs(store, RunOptions.defaults())) {
      for (int i = 0; i < runs; i++) r.submit(g, "p" + i, Map.of("n", steps));
      Path lam = StepBenchmark.locate("lam").toAbsolutePath().normalize();
      ProcessBuilder pb = new ProcessBuilder(lam.toString(), "worker", "--until-idle", "--poll", "20ms", "--store", url)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("LAM_JAVA_OPTS", javaOpts);
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("lam worker did not finish");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (p.exitValue() != 0) throw new IllegalStateException("lam worker exited " + p.exitValue());
      long total = 0;
      List<Long> gaps = new ArrayList<>();
      for (ThreadInfo t : store.threads()) {
        if (t.status() != RunStatus.DONE) throw new IllegalStateException(t.id() + " ended " + t.status());
        total += t.step();
        List<Checkpoint> cps = store.checkpoints(t.id(), 2, t.step() - 1);
        for (int i = 1; i < cps.size(); i++) gaps.add(Duration.between(cps.get(i - 1).time(), cps.get(i).time()).toNanos());
      }
      gaps.sort(null);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench", "pg_worker_process");
      m.put("round", round);
      m.put("jit", jit);
      m.put("lam_java_opts", javaOpts);
      m.put("synchronous_commit", "on");
      m.put("runs", runs);
      m.put("steps", total);
      m.put("process_seconds", round(seconds));
      m.put("steps_per_s", round(total / seconds));
      m.put("step_us_p50", round(gaps.get(gaps.size() / 2) / 1e3));
      m.put("step_us_p90", round(gaps.get(gaps.size() * 9 / 10) / 1e3));
      m.put("floor_commits_per_s", round(floor));
      m.put("floor_us_per_commit", round(1e6 / floor));
      m.put("loadavg_1", PgStepProbe.loadavg());
      out.println(Json.write(m));
      out.flush();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
