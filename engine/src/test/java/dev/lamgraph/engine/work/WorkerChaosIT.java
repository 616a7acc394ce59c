package dev.lamgraph.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chaos test of issue 6: 3 worker processes share a PostgreSQL store; 200 submitted runs of a
 * loop that records every step it applies; one worker at a time is killed with SIGKILL at random
 * moments while it holds runs (stopped first, then killed only if the store says it holds some),
 * several times, and restarted. At the end every run is done and applied each of its steps exactly
 * once (no gap, no duplicate), and a SIGTERM stops every worker cleanly. The workers' logs stay in
 * {@code target/chaos-logs/}.
 */
class WorkerChaosIT {
  private static final int RUNS = 200, WORKERS = 3, CONCURRENCY = 4, KILLS = 6;
  private static final long STEPS = 40, NAP_MS = 20, LEASE_MS = 2000, POLL_MS = 100;

  private Path logs;
  private String url;
  private int started;

  @Test
  void everyRunFinishesWithEachStepAppliedOnceWhileWorkersAreKilled() throws Exception {
    logs = Files.createDirectories(Path.of("target", "chaos-logs", "run-" + System.currentTimeMillis()));
    PgServer pg = PgServer.shared();
    url = pg.url(pg.newSchema());
    long seed = System.nanoTime();
    Random random = new Random(seed);
    long t0 = System.nanoTime();
    try (PostgresStore store = PostgresStore.open(url, Map.of())) {
      CompiledGraph graph = NapType.chaosLoop();
      List<String> ids = new ArrayList<>();
      try (Runs runs = new Runs(store, RunOptions.defaults())) {
        for (int i = 0; i < RUNS; i++) ids.add(runs.submit(graph, "chaos-" + i, Map.of("n", STEPS, "nap_ms", NAP_MS)));
      }
      Process[] workers = new Process[WORKERS];
      int[] logOf = new int[WORKERS];
      for (int i = 0; i < WORKERS; i++) {
        logOf[i] = started;
        workers[i] = spawn();
      }
      int kills = 0;
      while (kills < KILLS && !allDone(store, ids)) {
        Thread.sleep(500 + random.nextInt(1500));
        int victim = random.nextInt(WORKERS);
        String name = readyName(logOf[victim]);
        if (name == null) continue; // still starting
        // stopped, it can neither take nor release runs: kill it only if it holds some now, so that
        // every kill leaves runs to take over, however fast the runs end
        signal(workers[victim], "STOP");
        if (store.leases().values().stream().noneMatch(l -> name.equals(l.owner()))) {
          signal(workers[victim], "CONT");
          continue;
        }
        workers[victim].destroyForcibly(); // SIGKILL: no shutdown hook, no release
        assertThat(workers[victim].waitFor(10, TimeUnit.SECONDS)).isTrue();
        kills++;
        logOf[victim] = started;
        workers[victim] = spawn();
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!allDone(store, ids) && System.nanoTime() < deadline) Thread.sleep(200);
      double seconds = (System.nanoTime() - t0) / 1e9;

      for (Process w : workers) w.destroy(); // SIGTERM: graceful
      for (Process w : workers) assertThat(w.waitFor(30, TimeUnit.SECONDS)).as("worker stops on SIGTERM").isTrue();

      String log = allLogs();
      long takeovers = log.lines().filter(l -> l.startsWith("took-over ")).count();
      System.out.printf("chaos: seed %d, %d runs x %d steps, %d kills, %d takeovers, %.1f s%n", seed, RUNS, STEPS, kills,
          takeovers, seconds);
      assertThat(kills).as("kills while runs were going on (seed %d)", seed).isGreaterThanOrEqualTo(3);
      assertThat(takeovers).as("runs taken over from killed workers").isGreaterThanOrEqualTo(kills);
      assertThat(log.lines().filter(l -> l.startsWith("stopped ")).count()).as("graceful stops").isEqualTo(WORKERS);
      for (String id : ids) RunChecks.appliedExactlyOnce(store, id, STEPS);
      assertThat(store.leases()).isEmpty();
    }
  }

  /** No submitted run is still running (cheap to ask; the checks at the end look at each run). */
  private static boolean allDone(PostgresStore store, List<String> ids) {
    return store.leases().isEmpty();
  }

  /** The name worker log {@code i} says it runs as, or null before it is ready. */
  private String readyName(int i) throws Exception {
    return Files.readString(logs.resolve("worker-" + i + ".log")).lines().filter(l -> l.startsWith("ready "))
        .map(l -> l.substring("ready ".length()).strip()).findFirst().orElse(null);
  }

  /** Sends {@code signal} to {@code p} and, for STOP, waits until every thread of it has stopped. */
  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
    assertThat(kill.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(kill.exitValue()).as("kill -" + signal).isZero();
    if (!signal.equals("STOP")) return;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    for (;;) {
      boolean stopped = true;
      try (var tasks = Files.list(Path.of("/proc", String.valueOf(p.pid()), "task"))) {
        for (Path t : tasks.toList()) {
          String stat;
          try {
            stat = Files.readString(t.resolve("stat"));
          } catch (java.io.IOException gone) {
            continue;
          }
          if ("TtZX".indexOf(stat.charAt(stat.lastIndexOf(')') + 2)) < 0) stopped = false;
        }
      }
      if (stopped) return;
      assertThat(System.nanoTime()).as("worker " + p.pid() + " stopped").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private Process spawn() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File out = logs.resolve("worker-" + (started++) + ".log").toFile();
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        WorkerMain.class.getName(), url, String.valueOf(CONCURRENCY), String.valueOf(LEASE_MS), String.valueOf(POLL_MS))
        .redirectErrorStream(true).redirectOutput(out).start();
  }

  private String allLogs() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < started; i++) b.append(Files.readString(logs.resolve("worker-" + i + ".log")));
    return b.toString();
  }
}
