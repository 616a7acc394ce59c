package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first steps of a fresh process (bench/README.md, "Warm-up"): one run of the counting loop on
 * a new SQLite store, timed in CPU time of the thread that runs it (so the machine's load, which
 * makes wall time wait for a core, barely moves it), from the start of the run to the thread's
 * creation, to step 1, and per step over ranges of steps. Run it once per fresh JVM, with the
 * launcher's flags ({@code bench/warmup.sh} does, several times, and prints the medians).
 */
public final class WarmUpBenchmark {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final int[] MARKS = {1, 10, 100, 200, 1000, 2000};

  private WarmUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
    run(System.out, Files.createTempDirectory("lam-warmup"), n);
  }

  /** Runs the counting loop to {@code n} (at least 2,001) items and prints one JSON line. */
  static void run(PrintStream out, Path dir, int n) throws Exception {
    if (n <= 2000) throw new IllegalArgumentException("n must be over 2,000 (the steady range starts there), got " + n);
    long[] at = new long[n + 1];
    long[] created = new long[1];
    CompiledGraph g = Compiler.withDefaults().compile(locate("bench/counting-loop.yaml"));
    try (CheckpointStore sqlite = Stores.open("sqlite:" + dir.resolve("warmup.db"), Map.of())) {
      CheckpointStore timed = new ForwardingStore(sqlite) {
        @Override
        public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
          super.create(thread, initial, events);
          created[0] = CPU.getCurrentThreadCpuTime();
        }

        @Override
        public void commit(String thread, String owner, Checkpoint cp, List<TraceEvent> events) {
          super.commit(thread, owner, cp, events);
          at[(int) cp.step()] = CPU.getCurrentThreadCpuTime();
        }
      };
      RunResult r;
      long start;
      try (Runs runs = new Runs(timed, RunOptions.defaults())) {
        start = CPU.getCurrentThreadCpuTime();
        r = runs.start(g, "warmup", Map.of("n", (long) n));
      }
      if (r.status() != RunStatus.DONE || r.steps() != n) throw new IllegalStateException("the loop did not run to the end: " + r);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bench", "warmup");
      m.put("items", n);
      m.put("cpu_ms_to_thread_created", round((created[0] - start) / 1e6));
      m.put("cpu_ms_step_1", round((at[1] - created[0]) / 1e6));
      for (int i = 1; i < MARKS.length; i++) {
        m.put("cpu_us_per_step_" + MARKS[i - 1] + "_" + MARKS[i], round((at[MARKS[i]] - at[MARKS[i - 1]]) / 1e3 / (MARKS[i] - MARKS[i - 1])));
      }
      m.put("cpu_us_per_step_steady", round((at[n] - at[2000]) / 1e3 / (n - 2000)));
      m.put("cpu_ms_first_100", round((at[100] - start) / 1e6));
      m.put("cpu_us_per_step_first_100", round((at[100] - start) / 1e3 / 100));
      out.println(Json.write(m));
    }
  }

  private static Path locate(String rel) {
    Path p = Path.of(rel);
    return Files.exists(p) ? p : Path.of("..").resolve(rel);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
