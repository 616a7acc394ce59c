package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The step benchmark of bench/README.md: a counting loop that appends one item per step, for
 * 100, 2,000 and 6,000 iterations on one thread and 100 iterations on 100 threads, on each store,
 * plus raw langgraph4j on the same shape. Prints one JSON object per line.
 *
 * <p>Run: {@code bench/run.sh} (or {@code --quick} for a smoke run with small sizes).
 */
public final class StepBenchmark {
  private final PrintStream out;
  private final Path workDir;
  private final boolean quick;

  StepBenchmark(PrintStream out, Path workDir, boolean quick) {
    this.out = out;
    this.workDir = workDir;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    Path dir = Files.createTempDirectory("lam-bench");
    new StepBenchmark(System.out, dir, quick).runAll(stores());
  }

  /** The stores measured, by name. */
  static Map<String, Function<Path, CheckpointStore>> stores() {
    Map<String, Function<Path, CheckpointStore>> m = new LinkedHashMap<>();
    m.put("memory", d -> new MemoryStore());
    m.put("sqlite", d -> dev.lamgraph.engine.store.Stores.open("sqlite:" + d.resolve("lam.db"), Map.of()));
    return m;
  }

  void runAll(Map<String, Function<Path, CheckpointStore>> stores) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(locate("bench/counting-loop.yaml"));
    int[] sizes = quick ? new int[] {10, 50, 100} : new int[] {100, 2000, 6000};
    int threads = quick ? 5 : 100;
    int perThread = quick ? 10 : 100;
    int repeats = quick ? 1 : 5;
    for (var e : stores.entrySet()) {
      warmUp(g, e.getValue(), quick ? 50 : 6000);
      Map<Integer, Double> cost = new LinkedHashMap<>();
      for (int n : sizes) cost.put(n, single(g, e.getKey(), e.getValue(), n, repeats));
      double ratio = cost.get(sizes[2]) / cost.get(sizes[0]);
      emit(Map.of("bench", "step_flatness", "executor", "lamgraph", "store", e.getKey(),
          "ratio_steady_largest_vs_smallest", round(ratio), "sizes", List.of(sizes[0], sizes[2]), "target_max", 1.5));
      many(g, e.getKey(), e.getValue(), threads, perThread);
    }
    for (boolean saver : new boolean[] {false, true}) {
      RawLanggraph4j.run(quick ? 50 : 2000, saver, "warm");
      for (int n : sizes) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < (n >= 2000 ? 1 : repeats); r++) {
          long t0 = System.nanoTime();
          int items = RawLanggraph4j.run(n, saver, "t" + r);
          long nanos = System.nanoTime() - t0;
          if (items != n) throw new IllegalStateException("langgraph4j loop ended with " + items + " items, expected " + n);
          best = Math.min(best, nanos / 1000.0 / n);
        }
        emit(Map.of("bench", "step", "executor", "langgraph4j", "store", saver ? "MemorySaver" : "none",
            "iterations", n, "threads", 1, "us_per_step", round(best)));
      }
    }
  }

  private void warmUp(CompiledGraph g, Function<Path, CheckpointStore> store, int n) throws Exception {
    try (CheckpointStore s = store.apply(fresh("warm")); Runs runs = new Runs(s, RunOptions.defaults())) {
      check(runs.start(g, "warm", Map.of("n", (long) n)), n);
    }
  }

  /** Best-of-{@code repeats} microseconds per step for one thread of {@code n} iterations. */
  private double single(CompiledGraph g, String name, Function<Path, CheckpointStore> store, int n, int repeats)
      throws Exception {
    double best = Double.MAX_VALUE;
    double lastWindow = 0;
    double bytesPerStep = 0;
    double steady = 0;
    for (int r = 0; r < repeats; r++) {
      long[] commitTimes = new long[n + 2];
      RunListener l = new RunListener() {
        @Override
        public void stepCommitted(long step, List<String> next, long bytes) {
          if (step < commitTimes.length) commitTimes[(int) step] = System.nanoTime();
        }
      };
      try (CheckpointStore s = store.apply(fresh(name + n + "-" + r));
          Runs runs = new Runs(s, RunOptions.defaults().withListener(l))) {
        long t0 = System.nanoTime();
        RunResult res = runs.start(g, "t", Map.of("n", (long) n));
        long nanos = System.nanoTime() - t0;
        check(res, n);
        double us = nanos / 1000.0 / n;
        if (us < best) {
          best = us;
          int w = Math.min(100, n / 2);
          lastWindow = (commitTimes[n] - commitTimes[n - w]) / 1000.0 / w;
          steady = (commitTimes[n] - commitTimes[1]) / 1000.0 / (n - 1);
          bytesPerStep = bytes(s, "t", n) / (double) n;
        }
      }
    }
    emit(Map.of("bench", "step", "executor", "lamgraph", "store", name, "iterations", n, "threads", 1,
        "us_per_step", round(best), "us_per_step_steady", round(steady), "us_per_step_last_100", round(lastWindow),
        "checkpoint_bytes_per_step", round(bytesPerStep)));
    return steady;
  }

  private void many(CompiledGraph g, String name, Function<Path, CheckpointStore> store, int threads, int n)
      throws Exception {
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (CheckpointStore s = store.apply(fresh(name + "-many")); Runs runs = new Runs(s, RunOptions.defaults())) {
      long t0 = System.nanoTime();
      List<Future<RunResult>> fs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String id = "t" + i;
        fs.add(pool.submit(() -> runs.start(g, id, Map.of("n", (long) n))));
      }
      for (Future<RunResult> f : fs) check(f.get(), n);
      long nanos = System.nanoTime() - t0;
      long bytes = 0;
      for (int i = 0; i < threads; i++) bytes += bytes(s, "t" + i, n);
      emit(Map.of("bench", "step", "executor", "lamgraph", "store", name, "iterations", n, "threads", threads,
          "workers", workers, "us_per_step", round(nanos / 1000.0 / ((long) threads * n)),
          "checkpoint_bytes_per_step", round(bytes / (double) ((long) threads * n))));
    } finally {
      pool.shutdownNow();
    }
  }

  private static long bytes(CheckpointStore s, String thread, int n) {
    long b = 0;
    for (Checkpoint c : s.checkpoints(thread, 1, n + 1)) b += c.bytes();
    return b;
  }

  private static void check(RunResult r, int n) {
    if (r.status() != RunStatus.DONE || !Long.valueOf(n).equals(r.state().get("count"))) {
      throw new IllegalStateException("run " + r.threadId() + " ended " + r.status() + " " + r.detail());
    }
  }

  private Path fresh(String name) throws Exception {
    return Files.createDirectories(workDir.resolve(name + "-" + System.nanoTime()));
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

  static Path locate(String rel) {
    Path p = Path.of(rel);
    return Files.exists(p) ? p : Path.of("..").resolve(rel);
  }
}
