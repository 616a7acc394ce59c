package dev.lamgraph.cli;

import dev.lamgraph.cli.wfeval.Datasets;
import dev.lamgraph.cli.wfeval.EvalReport;
import dev.lamgraph.cli.wfeval.EvalRunner;
import dev.lamgraph.cli.wfeval.Scorer;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.model.ModelRecording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lam eval DATASET --workflow FILE}: runs the workflow once per case of a JSON Lines
 * dataset (or a Google ADK EvalSet), scores each run and writes a JSON and an HTML report.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Score a workflow over a dataset of inputs.",
    description = "Runs the workflow once per case of DATASET (JSON Lines: {\"id\", \"input\": {...}, \"reference\", "
        + "\"trajectory\": [tool...], \"path\": [node...]} per line; or an ADK EvalSet JSON file), each on a throw-away memory "
        + "store, scores every run and writes REPORT.json and REPORT.html. Scorers: exact (output == reference), "
        + "cel:EXPR (over state, input, output, reference), trajectory[:MODE] (tools called), path[:MODE] (nodes run), "
        + "judge[:MODEL] (an LLM judge from the workflow's models; replayable with LAM_REPLAY / --record).",
    footer = {"", "Exit codes: 0 done, 1 a case could not run or a mean is under --min-score, 2 usage or invalid input."})
final class EvalCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(index = "0", paramLabel = "DATASET", description = "a .jsonl dataset or an ADK EvalSet .json file")
  String dataset;

  @Option(names = "--workflow", required = true, paramLabel = "FILE", description = "the workflow to run")
  String workflow;

  @Option(names = "--scorer", paramLabel = "SCORER", description = "exact, cel:EXPR, trajectory[:MODE], path[:MODE], judge[:MODEL] (repeatable; default exact)")
  List<String> scorerSpecs = new ArrayList<>();

  @Option(names = "--output", paramLabel = "CHANNEL", description = "the channel holding the run's output (for exact and judge)")
  String output;

  @Option(names = "--input-key", paramLabel = "KEY", defaultValue = "input", description = "the input an ADK user message goes to (default: ${DEFAULT-VALUE})")
  String inputKey;

  @Option(names = "--report", paramLabel = "PATH", defaultValue = "eval-report", description = "writes PATH.json and PATH.html (default: ${DEFAULT-VALUE})")
  String report;

  @Option(names = "--min-score", paramLabel = "X", description = "exit 1 when a scorer's mean is under X")
  Double minScore;

  @Option(names = "--record", paramLabel = "FILE", description = "record every model call (the workflow's and the judge's) to a replay file")
  String record;

  @Option(names = "--jobs", paramLabel = "N", description = "cases run at once (default: the number of processors; 1 with --record)")
  Integer jobs;

  EvalCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    Path data = t.resolve(dataset);
    Datasets d;
    try {
      d = Datasets.read(data, inputKey);
    } catch (IOException e) {
      throw CliException.usage("cannot read dataset " + dataset + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    d.warnings().forEach(w -> t.err().println("lam: warning: " + w));
    Map<String, String> env = record == null ? t.env() : ModelRecording.recordTo(t.env(), t.resolve(record));
    Terminal te = t.withEnv(env);
    List<AutoCloseable> opened = new ArrayList<>();
    try (CompiledGraph g = Workflows.compileFile(te, workflow, false)) {
      List<Scorer> scorers = EvalScorers.parse(scorerSpecs.isEmpty() ? List.of("exact") : scorerSpecs, g, output,
          () -> Workflows.compileFile(te, workflow, false), opened);
      int n = record != null ? 1 : jobs != null ? Math.max(1, jobs) : Runtime.getRuntime().availableProcessors();
      List<EvalRunner.Result> runs = new EvalRunner(Compiler::withDefaults, env, te.resolve(workflow), t.redactor()).run(d.cases(), output, n);
      List<EvalRunner.Result> results = EvalRunner.score(runs, scorers);
      Map<String, Object> json = EvalReport.json(workflow, dataset, scorers, results);
      write(report + ".json", Json.pretty(json) + "\n");
      write(report + ".html", EvalReport.html(json));
      return print(scorers, results);
    } finally {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception e) {
          // best effort: a judge's graph holds no outside process
        }
      }
    }
  }

  private int print(List<Scorer> scorers, List<EvalRunner.Result> results) {
    boolean errors = false;
    for (EvalRunner.Result r : results) {
      StringBuilder b = new StringBuilder(r.c().id()).append(": ").append(r.status());
      if (r.error() != null) b.append(" (").append(r.error()).append(")");
      errors |= r.status().equals("error");
      r.scores().forEach((k, v) -> b.append(", ").append(k).append(" ")
          .append(v.value() == null ? "-" : String.format(Locale.ROOT, "%.2f", v.value())));
      t.out().println(b);
    }
    boolean under = false;
    for (var e : EvalReport.totals(scorers, results).entrySet()) {
      Object mean = e.getValue().get("mean");
      t.out().println(e.getKey() + ": mean " + (mean == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) mean)) + ", "
          + e.getValue().get("passed") + "/" + e.getValue().get("scored") + " passed");
      if (minScore != null && mean != null && (Double) mean < minScore) under = true;
    }
    t.out().println(Diagnostics.count(results.size(), "case") + "; report: " + report + ".json, " + report + ".html");
    if (under) t.err().println("lam: error: a scorer's mean is under --min-score " + minScore);
    if (errors) t.err().println("lam: error: some cases could not run (see above)");
    return under || errors ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private void write(String file, String text) {
    try {
      Path p = t.resolve(file);
      if (p.getParent() != null) Files.createDirectories(p.getParent());
      Files.writeString(p, t.redactor().redact(text), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.failed("cannot write " + file + ": " + e.getMessage());
    }
  }
}
