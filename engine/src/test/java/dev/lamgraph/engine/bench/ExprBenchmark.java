package dev.lamgraph.engine.bench;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.util.Json;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one CEL evaluation of the counting loop's three expressions costs, on the fast path of
 * {@code engine.expr} and on cel-java alone ({@link Expr#celOnly()}), in this JVM's regime: run
 * it with {@code -XX:TieredStopAtLevel=1} (the {@code lam} launcher's steady state) and with
 * {@code -Xint} (a fresh process's first steps, mostly interpreted). Prints one JSON object per
 * expression and path: {@code us_per_eval} is the median of the timed rounds.
 *
 * <p>Run: {@code java -XX:TieredStopAtLevel=1 -cp ... dev.lamgraph.engine.bench.ExprBenchmark [--quick]}
 * (see bench/README.md).
 */
public final class ExprBenchmark {
  static final List<String> EXPRS =
      List.of("state.count + 1", "['item-' + string(state.count + 1)]", "state.count < input.n");

  public static void main(String[] args) throws Exception {
    run(System.out, Arrays.asList(args).contains("--quick"));
  }

  static void run(PrintStream out, boolean quick) throws Exception {
    CelEnv env = CelEnv.of(Compiler.withDefaults().compile(flow()).spec().state().values());
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    boolean xint = flags.contains("-Xint");
    String regime = xint ? "xint" : flags.contains("-XX:TieredStopAtLevel=1") ? "c1" : "default";
    int n = quick ? 200 : xint ? 5_000 : 200_000;
    int rounds = quick ? 3 : 7;
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("count", 5L);
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) items.add("item-" + i);
    state.put("items", items);
    Map<String, Object> input = Map.of("n", 1000L);
    for (String src : EXPRS) {
      Expr fast = env.compile(src);
      Expr cel = fast.celOnly();
      if (!fast.eval(state, input).equals(cel.eval(state, input))) throw new IllegalStateException("paths differ: " + src);
      for (Map.Entry<String, Expr> path : List.of(Map.entry("fast", fast), Map.entry("cel", cel))) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "expr");
        line.put("regime", regime);
        line.put("expr", src);
        line.put("path", path.getKey());
        line.put("evals", n);
        line.put("us_per_eval", median(path.getValue(), state, input, n, rounds));
        out.println(Json.write(line));
      }
    }
  }

  private static Object sink;

  private static double median(Expr e, Map<String, Object> state, Map<String, Object> input, int n, int rounds)
      throws EvalException {
    for (int i = 0; i < n; i++) sink = e.eval(state, input); // warm-up round, not timed
    double[] us = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) sink = e.eval(state, input);
      us[r] = (System.nanoTime() - t0) / 1e3 / n;
    }
    Arrays.sort(us);
    return Math.round(us[rounds / 2] * 1000) / 1000.0;
  }

  private static Path flow() {
    Path p = Path.of("bench/counting-loop.yaml");
    return p.toFile().exists() ? p : Path.of("../bench/counting-loop.yaml");
  }
}
