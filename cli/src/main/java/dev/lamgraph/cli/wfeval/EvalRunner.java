package dev.lamgraph.cli.wfeval;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Runs a workflow once per dataset case, in parallel, each on a throw-away {@code memory:} store
 * (and a throw-away {@code memory:} section store); {@link #score} then scores each run. The
 * models answer as the environment says (real, or {@code LAM_REPLAY}); nothing is stubbed.
 */
public final class EvalRunner {
  private final BiFunction<Map<String, String>, Redactor, Compiler> compilers;
  private final Map<String, String> env;
  private final Path workflow;
  private final Redactor sink;

  /** {@code sink}: the caller's redactor, which learns every secret a run resolved (output masks them). */
  public EvalRunner(BiFunction<Map<String, String>, Redactor, Compiler> compilers, Map<String, String> env, Path workflow,
      Redactor sink) {
    this.compilers = compilers;
    this.env = env;
    this.workflow = workflow;
    this.sink = sink;
  }

  /**
   * One case's outcome: how its run ended (or the error that stopped it; {@code run} null then) and
   * its scores by scorer name (empty until {@link #score}).
   */
  public record Result(EvalCase c, String status, long steps, Object output, String error, Scorer.Run run,
      Map<String, Scorer.Score> scores) {}

  /**
   * Scores every run with every scorer, in case order, after all runs ended (so a judge recording
   * its calls writes its file after the runs wrote theirs).
   */
  public static List<Result> score(List<Result> results, List<Scorer> scorers) {
    List<Result> out = new ArrayList<>();
    for (Result r : results) {
      Map<String, Scorer.Score> scores = new LinkedHashMap<>();
      if (r.run() != null) for (Scorer s : scorers) scores.put(s.name(), s.score(r.c(), r.run()));
      out.add(new Result(r.c(), r.status(), r.steps(), r.output(), r.error(), r.run(), scores));
    }
    return out;
  }

  /** Runs every case, {@code jobs} at a time; the results keep the cases' order. */
  public List<Result> run(List<EvalCase> cases, String outputChannel, int jobs) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = new Thread(r, "lam-eval");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Result>> fs = new ArrayList<>();
      for (EvalCase c : cases) fs.add(pool.submit(() -> one(c, outputChannel)));
      List<Result> out = new ArrayList<>();
      for (int i = 0; i < fs.size(); i++) {
        try {
          out.add(fs.get(i).get());
        } catch (java.util.concurrent.ExecutionException e) {
          out.add(new Result(cases.get(i), "error", 0, null, String.valueOf(e.getCause()), null, Map.of()));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Result one(EvalCase c, String outputChannel) throws Exception {
    Path tmp = Files.createTempDirectory("lam-eval-");
    try {
      Map<String, String> caseEnv = new HashMap<>(env);
      caseEnv.put("LAM_MEMORY", tmp.resolve("memory.db").toString());
      Redactor redactor = new Redactor();
      RunResult r;
      Scorer.Run run;
      try (CompiledGraph g = compilers.apply(caseEnv, redactor).compile(workflow);
          CheckpointStore store = Stores.open("memory:", caseEnv, redactor);
          Runs runs = new Runs(store, RunOptions.defaults().withEnv(caseEnv).withRedactor(redactor))) {
        sink.addAll(g.secrets());
        r = runs.start(g, "eval", c.input());
        sink.addAll(redactor);
        run = new Scorer.Run(r, store.events("eval"), outputChannel == null ? null : r.state().get(outputChannel));
      } catch (RuntimeException e) {
        return new Result(c, "error", 0, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null,
            Map.of());
      }
      String error = r.status().name().equals("FAILED") ? r.message() : null;
      return new Result(c, r.status().name().toLowerCase(), r.steps(), run.output(), error, run, Map.of());
    } finally {
      try (var s = Files.walk(tmp)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
