package dev.lamgraph.cli;

import dev.lamgraph.cli.wftest.CaseResult;
import dev.lamgraph.cli.wftest.JUnitReport;
import dev.lamgraph.cli.wftest.TestSpec;
import dev.lamgraph.cli.wftest.TestSuite;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lam test [PATH...]}: runs the cases of {@code *.test.yaml} files, in parallel, each on a
 * throw-away memory store with its tool and model stubs, and prints one line per case, the first
 * failed expectation and state diff of each failure, and totals.
 */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Run the test cases of workflows (*.test.yaml).",
    description = "Finds *.test.yaml files under each PATH (default: the working directory), checks them all (any error: "
        + "nothing runs), then runs their cases in parallel, each on a throw-away memory store. A stubbed tool or model is "
        + "never called.",
    footer = {"", "Exit codes: 0 every case passed, 1 a case failed, 2 an invalid test file or usage error."})
final class TestCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "test files or directories (searched recursively)")
  List<String> paths = new ArrayList<>();

  @Option(names = "--junit", paramLabel = "FILE", description = "also write a JUnit XML report to FILE")
  String junit;

  @Option(names = "--filter", paramLabel = "NAME", description = "run only the cases whose name contains NAME (any case)")
  String filter;

  @Option(names = "--jobs", paramLabel = "N", description = "cases run at once (default: the number of processors)")
  Integer jobs;

  TestCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (jobs != null && jobs < 1) throw CliException.usage("--jobs must be at least 1, got " + jobs);
    List<Path> roots = new ArrayList<>();
    for (String p : paths.isEmpty() ? List.of(".") : paths) roots.add(t.resolve(p));
    TestSuite suite = new TestSuite(Compiler::withDefaults, t.env(), t.cwd(), t.redactor());
    List<Path> files;
    try {
      files = TestSuite.find(roots);
    } catch (IOException e) {
      throw CliException.usage(e.getMessage());
    }
    if (files.isEmpty()) throw CliException.usage("no test files (*.test.yaml) under " + String.join(", ", paths.isEmpty() ? List.of(".") : paths));
    Problems problems = new Problems();
    List<TestSpec> specs = suite.read(files, problems);
    if (problems.hasErrors()) {
      Diagnostics.print(t, problems.list());
      t.err().println("lam: error: " + Diagnostics.summary(problems.list()) + " in the test files; nothing was run");
      return ExitCodes.USAGE;
    }
    long t0 = System.nanoTime();
    List<CaseResult> results = suite.run(specs, filter, jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
    print(results, specs.size(), (System.nanoTime() - t0) / 1_000_000);
    if (junit != null) {
      try {
        Path out = t.resolve(junit);
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, t.redactor().redact(JUnitReport.xml(results)), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.failed("cannot write the JUnit report " + junit + ": " + e.getMessage());
      }
    }
    if (results.isEmpty()) throw CliException.usage("no case matches --filter '" + filter + "'");
    return results.stream().allMatch(CaseResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void print(List<CaseResult> results, int files, long ms) {
    long failed = 0;
    long errors = 0;
    for (CaseResult r : results) {
      t.out().println(switch (r.outcome()) {
        case PASSED -> "PASS";
        case FAILED -> "FAIL";
        case ERROR -> "ERROR";
      } + " " + r.file() + " > " + r.name() + " (" + r.millis() + " ms)");
      if (r.passed()) continue;
      if (r.outcome() == CaseResult.Outcome.FAILED) failed++;
      else errors++;
      if (!r.failures().isEmpty()) t.out().println("    " + r.failures().get(0));
      for (String d : r.diff()) t.out().println("      " + d);
      if (r.failures().size() > 1) t.out().println("    (and " + (r.failures().size() - 1) + " more failed expectation"
          + (r.failures().size() == 2 ? "" : "s") + ")");
    }
    t.out().println(Diagnostics.count(results.size(), "case") + ": " + (results.size() - failed - errors) + " passed, " + failed
        + " failed" + (errors == 0 ? "" : ", " + errors + " error" + (errors == 1 ? "" : "s")) + " ("
        + Diagnostics.count(files, "file") + ", " + String.format(Locale.ROOT, "%.1f s", ms / 1000.0) + ")");
  }
}
