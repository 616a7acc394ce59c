package dev.lamgraph.cli.wftest;

import dev.lamgraph.cli.wftest.TestSpec.Case;
import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.model.ModelRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Runs one case: compiles its workflow (with the case's replay file and a throw-away memory store
 * for {@code memory:} nodes), runs it on a fresh {@code memory:} checkpoint store with the case's
 * stubs, answers each pause from {@code answers} and resumes, then checks the expectations.
 */
final class CaseRunner {
  private static final int MAX_RESUMES = 1000;
  private final BiFunction<Map<String, String>, Redactor, Compiler> compilers;
  private final Map<String, String> env;
  private final Redactor sink;

  /**
   * {@code compilers}: a compiler for an environment and a redactor (the case adds LAM_REPLAY,
   * LAM_MEMORY); {@code sink}: learns the secrets every case resolved, so what is printed masks them.
   */
  CaseRunner(BiFunction<Map<String, String>, Redactor, Compiler> compilers, Map<String, String> env, Redactor sink) {
    this.compilers = compilers;
    this.env = env;
    this.sink = sink;
  }

  /** What a finished run looked like, for the expectations. */
  record Observed(RunResult result, List<TraceEvent> events, Map<String, Object> input) {}

  CaseResult run(TestSpec spec, Case c, AtomicBoolean cancel) {
    long t0 = System.nanoTime();
    String file = spec.name();
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("lam-test-");
      Map<String, String> caseEnv = new HashMap<>(env);
      caseEnv.put("LAM_MEMORY", tmp.resolve("memory.db").toString());
      caseEnv.remove("LAM_RECORD");
      if (c.replay() != null) caseEnv = ModelRecording.replayFrom(caseEnv, c.replay());
      Redactor redactor = new Redactor();
      CaseStubs stubs = new CaseStubs(c.tools(), c.models());
      try (CompiledGraph g = compilers.apply(caseEnv, redactor).envOptional().compile(spec.workflow());
          CheckpointStore store = Stores.open("memory:", caseEnv, redactor);
          Runs runs = new Runs(store, RunOptions.defaults().withEnv(caseEnv).withRedactor(redactor).withStubs(stubs)
              .withStop(cancel::get))) {
        sink.addAll(g.secrets());
        Observed o = runAll(runs, store, g, c);
        sink.addAll(redactor);
        Expectations.Verdict v = new Expectations(TestChecks.view(g).cel()).check(c.expect(), o);
        return new CaseResult(file, c.name(), v.failures().isEmpty() ? CaseResult.Outcome.PASSED : CaseResult.Outcome.FAILED,
            v.failures(), v.diff(), ms(t0));
      }
    } catch (WorkflowException e) {
      return error(file, c, "workflow " + spec.workflow() + " does not compile: " + e.diagnostics().get(0).format(), t0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(file, c, "interrupted", t0);
    } catch (IOException | RuntimeException e) {
      return error(file, c, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), t0);
    } finally {
      delete(tmp);
    }
  }

  private static Observed runAll(Runs runs, CheckpointStore store, CompiledGraph g, Case c) throws InterruptedException {
    String thread = "test";
    Map<String, Object> input = c.input();
    RunResult r = runs.start(g, thread, input);
    Map<String, Integer> used = new HashMap<>();
    for (int i = 0; i < MAX_RESUMES && r.status() == RunStatus.PAUSED; i++) {
      String node = String.valueOf(r.detail().get("node"));
      List<Map<String, Object>> given = c.answers().get(node);
      int k = used.getOrDefault(node, 0);
      if (given == null || k >= given.size()) break;
      used.put(node, k + 1);
      r = runs.resume(g, thread, given.get(k));
    }
    return new Observed(r, store.events(thread), input);
  }

  private static CaseResult error(String file, Case c, String message, long t0) {
    return new CaseResult(file, c.name(), CaseResult.Outcome.ERROR, List.of(message), List.of(), ms(t0));
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void delete(Path dir) {
    if (dir == null) return;
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
