package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What secrets cost on the step path (SQLite): the counting loop with no secret registered, with
 * three registered secrets that the state does not hold (one {@code contains} per secret form on
 * each step's writes, as masking cost before), and with one the state holds (every step's writes
 * and snapshots sealed with AES-256-GCM). Prints one JSON object per scenario.
 *
 * <p>Run: {@code java -cp ... dev.lamgraph.engine.bench.SecretStepBenchmark [--quick]} (see bench/run.sh).
 */
public final class SecretStepBenchmark {
  static final String FLOW = """
      name: counting-loop-tagged
      state:
        count: { type: integer, default: 0 }
        items: { type: list, reducer: append }
      nodes:
        count: { type: set, set: { count: "state.count + 1", items: "[input.tag + string(state.count + 1)]" } }
      edges:
        - { from: START, to: count }
        - from: count
          when:
            - { if: "state.count < input.n", to: count }
          else: END
      limits: { max_steps: 1000000 }
      """;

  public static void main(String[] args) throws Exception {
    run(System.out, Files.createTempDirectory("lam-bench-secrets"), Arrays.asList(args).contains("--quick"));
  }

  static void run(PrintStream out, Path dir, boolean quick) throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("loop.yaml", FLOW, dir);
    int n = quick ? 50 : 2000;
    int repeats = quick ? 1 : 3;
    String key = "sk-bench-5c1e0a7d9b";
    Map<String, Redactor> scenarios = new LinkedHashMap<>();
    scenarios.put("no_secrets", new Redactor());
    Redactor absent = new Redactor();
    for (String s : List.of("sk-absent-1111aaaa", "tok-absent-2222bbbb", "pw-absent-3333cccc")) absent.addSecret(s);
    scenarios.put("secrets_not_in_state", absent);
    Redactor present = new Redactor();
    present.addSecret(key);
    scenarios.put("secret_in_every_step", present);
    int run = 0;
    for (int pass = 0; pass < 2; pass++) { // the first pass warms up
      for (var e : scenarios.entrySet()) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
          long[] first = new long[1];
          long[] last = new long[1];
          RunListener l = new RunListener() {
            @Override
            public void stepCommitted(long step, List<String> next, long bytes) {
              if (step == 1) first[0] = System.nanoTime();
              last[0] = System.nanoTime();
            }
          };
          Path d = dir.resolve("r" + run++);
          try (CheckpointStore s = Stores.open("sqlite:" + d.resolve("lam.db"), Map.of());
              Runs runs = new Runs(s, RunOptions.defaults().withRedactor(e.getValue()).withListener(l))) {
            RunResult res = runs.start(g, "t", Map.of("n", (long) n, "tag", key));
            if (((List<?>) res.state().get("items")).size() != n) throw new IllegalStateException("loop ended early");
          }
          best = Math.min(best, (last[0] - first[0]) / 1000.0 / (n - 1));
        }
        if (pass == 1) {
          out.println(Json.write(Map.of("bench", "secret_step", "store", "sqlite", "scenario", e.getKey(),
              "iterations", n, "us_per_step_steady", Math.round(best * 10) / 10.0)));
        }
      }
    }
  }
}
