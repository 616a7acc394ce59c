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
 * (and a throw-away {@code memory:} section store), then scores each run with every scorer. The
 * models answer as the environment says (real, or {@code LAM_REPLAY}); nothing is stubbed.
 */
public final class EvalRunner {
  private final BiFunction<Map<String, String>, Redactor, Compiler> compilers;
  private final Map<String, String> env;
  private final Path workflow;

  public EvalRunner(BiFunction<Map<String, String>, Redactor, Compiler> compilers, Map<String, String> env, Path workflow) {
    this.compilers = compilers;
    this.env = env;
    this.workflow = workflow;
  }

  /** One case's outcome: how its run ended (or the error that stopped it) and its scores by scorer name. */
  public record Result(EvalCase c, String status, long steps, Object output, String error, Map<String, Scorer.Score> scores) {}

  public List<Result> run(List<EvalCase> cases, List<Scorer> scorers, String outputChannel, int jobs) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = new Thread(r, "lam-eval");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Result>> fs = new ArrayList<>();
      for (EvalCase c : cases) fs.add(pool.submit(() -> one(c, scorers, outputChannel)));
      List<Result> out = new ArrayList<>();
      for (int i = 0; i < fs.size(); i++) {
        try {
          out.add(fs.get(i).get());
        } catch (java.util.concurrent.ExecutionException e) {
          out.add(new Result(cases.get(i), "error", 0, null, String.valueOf(e.getCause()), Map.of()));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Result one(EvalCase c, List<Scorer> scorers, String outputChannel) throws Exception {
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
        r = runs.start(g, "eval", c.input());
        run = new Scorer.Run(r, store.events("eval"), outputChannel == null ? null : r.state().get(outputChannel));
      } catch (RuntimeException e) {
        return new Result(c, "error", 0, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), Map.of());
      }
      Map<String, Scorer.Score> scores = new LinkedHashMap<>();
      for (Scorer s : scorers) scores.put(s.name(), s.score(c, run));
      String error = r.status().name().equals("FAILED") ? r.message() : null;
      return new Result(c, r.status().name().toLowerCase(), r.steps(), run.output(), error, scores);
    } finally {
      try (var s = Files.walk(tmp)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
