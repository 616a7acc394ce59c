package dev.lamgraph.cli.wftest;

import dev.lamgraph.cli.wftest.TestSpec.Case;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Finds test files, reads them all (any error: nothing runs), and runs their cases in parallel,
 * each within its own timeout, on its own throw-away store.
 *
 * <pre>{@code
 * TestSuite suite = new TestSuite(Compiler::withDefaults, env, cwd, redactor);
 * List<TestSpec> specs = suite.read(TestSuite.find(List.of(Path.of("graphs"))), problems);
 * List<CaseResult> results = suite.run(specs, "refund", 4);
 * }</pre>
 */
public final class TestSuite {
  private final BiFunction<Map<String, String>, Redactor, Compiler> compilers;
  private final Map<String, String> env;
  private final Path cwd;
  private final Redactor sink;

  /**
   * {@code compilers}: a compiler for an environment and redactor; {@code cwd}: file names are shown
   * relative to it; {@code sink}: the caller's redactor, which learns every secret a case resolved.
   */
  public TestSuite(BiFunction<Map<String, String>, Redactor, Compiler> compilers, Map<String, String> env, Path cwd, Redactor sink) {
    this.compilers = compilers;
    this.env = env;
    this.sink = sink;
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  /** How {@code p} is shown: relative to the working directory when under it. */
  public String display(Path p) {
    Path a = p.toAbsolutePath().normalize();
    return a.startsWith(cwd) && !a.equals(cwd) ? cwd.relativize(a).toString() : a.toString();
  }

  /** The {@code *.test.yaml} files: each path is such a file or a directory searched recursively (hidden and target/ skipped). */
  public static List<Path> find(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(TestFileReader.SUFFIX) && Files.isRegularFile(f))
              .filter(f -> !skipped(p.relativize(f)))
              .sorted().forEach(out::add);
        }
      } else if (Files.exists(p)) {
        if (!p.getFileName().toString().endsWith(TestFileReader.SUFFIX)) {
          throw new IOException("not a test file: " + p.getFileName() + "; test files are named *" + TestFileReader.SUFFIX);
        }
        out.add(p);
      } else {
        throw new IOException("no such file or directory: " + p);
      }
    }
    return out;
  }

  private static boolean skipped(Path rel) {
    for (Path part : rel) {
      String n = part.toString();
      if (n.startsWith(".") || n.equals("target") || n.equals("node_modules")) return true;
    }
    return false;
  }

  /** Reads and checks every file; problems of all of them land in {@code problems}. */
  public List<TestSpec> read(List<Path> files, Problems problems) {
    TestChecks checks = new TestChecks(compilers.apply(env, sink).envOptional());
    List<TestSpec> out = new ArrayList<>();
    for (Path f : files) TestFileReader.read(f, display(f), checks, problems).ifPresent(out::add);
    return out;
  }

  /** Runs the cases whose name contains {@code filter} (any, when null), {@code jobs} at a time, in file order. */
  public List<CaseResult> run(List<TestSpec> specs, String filter, int jobs) throws InterruptedException {
    CaseRunner runner = new CaseRunner(compilers, env, sink);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
      Thread t = new Thread(r, "lam-test");
      t.setDaemon(true);
      return t;
    });
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lam-test-watchdog");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Runnable> waits = new ArrayList<>();
      List<CaseResult[]> slots = new ArrayList<>();
      for (TestSpec s : specs) {
        for (Case c : s.cases()) {
          if (filter != null && !c.name().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) continue;
          AtomicBoolean cancel = new AtomicBoolean();
          Future<CaseResult> f = pool.submit(() -> timed(runner, s, c, cancel, watchdog));
          CaseResult[] slot = new CaseResult[1];
          slots.add(slot);
          waits.add(() -> slot[0] = await(s, c, f, cancel));
        }
      }
      for (Runnable w : waits) w.run();
      List<CaseResult> out = new ArrayList<>();
      for (CaseResult[] s : slots) out.add(s[0]);
      return out;
    } finally {
      watchdog.shutdownNow();
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Runs a case under its timeout, counted from its start: then the run is stopped and interrupted. */
  private static CaseResult timed(CaseRunner runner, TestSpec s, Case c, AtomicBoolean cancel, ScheduledExecutorService watchdog) {
    Thread me = Thread.currentThread();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> w = watchdog.schedule(() -> {
      timedOut.set(true);
      cancel.set(true);
      me.interrupt();
    }, c.timeout().toMillis(), TimeUnit.MILLISECONDS);
    CaseResult r;
    try {
      r = runner.run(s, c, cancel);
    } finally {
      w.cancel(false);
      Thread.interrupted(); // a late interrupt must not reach the next case
    }
    if (!timedOut.get()) return r;
    return new CaseResult(s.name(), c.name(), CaseResult.Outcome.ERROR,
        List.of("timed out after " + Durations.yaml(c.timeout()) + " (the case's timeout)"), List.of(), r.millis());
  }

  /** Waits for a case; one that ignores its interrupt is given up a while after its timeout. */
  private static CaseResult await(TestSpec s, Case c, Future<CaseResult> f, AtomicBoolean cancel) {
    try {
      return f.get(c.timeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancel.set(true);
      f.cancel(true);
      return new CaseResult(s.name(), c.name(), CaseResult.Outcome.ERROR,
          List.of("timed out after " + Durations.yaml(c.timeout()) + " (the case's timeout)"), List.of(), c.timeout().toMillis());
    } catch (ExecutionException e) {
      return new CaseResult(s.name(), c.name(), CaseResult.Outcome.ERROR, List.of(String.valueOf(e.getCause())), List.of(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel.set(true);
      return new CaseResult(s.name(), c.name(), CaseResult.Outcome.ERROR, List.of("interrupted"), List.of(), 0);
    }
  }
}
