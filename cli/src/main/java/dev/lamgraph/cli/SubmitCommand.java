package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam submit FILE}: compile, then queue the run for workers ({@code lam worker}) on a shared store. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Queue a workflow run for workers.",
    description = "Compiles a workflow and queues it as a new thread on a shared (PostgreSQL) store; any "
        + "`lam worker` on that store takes it and runs it. Prints the thread id. `lam runs` shows which worker "
        + "holds it; `lam state THREAD` shows its progress.",
    footer = {"", "Exit codes: 0 queued, 1 the store cannot be used or the input was rejected, 2 usage or validation error.",
        "", "Examples:", "  lam submit flow.yaml --store postgresql://lam@127.0.0.1:5432/lam --input topic=cats",
        "  export LAM_STORE=postgresql://lam@db:5432/lam; lam submit flow.yaml --thread report-42"})
final class SubmitCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "FILE", description = "the workflow YAML file")
  String file;

  @Option(names = "--input", paramLabel = "KEY=VALUE", converter = Inputs.PairConverter.class,
      description = "an input value; VALUE is JSON when it parses as JSON, else a string")
  List<Inputs.Pair> inputs = new ArrayList<>();

  @Option(names = "--input-file", paramLabel = "FILE.json", description = "a JSON object of inputs (--input overrides its keys)")
  String inputFile;

  @Option(names = "--thread", paramLabel = "ID", converter = ThreadIdConverters.New.class,
      description = "the new thread's id (default: WORKFLOW-xxxxxxxx)")
  String thread;

  @Option(names = "--json", description = "print one JSON object: thread, status, store")
  boolean json;

  @Mixin StoreOption store = new StoreOption();

  SubmitCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    Map<String, Object> input = Inputs.collect(t, inputFile, inputs);
    try (CompiledGraph graph = Workflows.compileFile(t, file, json); CheckpointStore s = store.open(t);
        Runs runs = new Runs(s, t.runOptions())) {
      Inputs.check(graph, input);
      if (!(s instanceof RunQueue)) {
        throw CliException.usage("the store " + s.location() + " has no run queue; submitting runs to workers needs a"
            + " PostgreSQL store: --store postgresql://USER@HOST:PORT/DB (or LAM_STORE)");
      }
      String id = thread != null ? thread : Runs.newThreadId(graph.name());
      if (s.thread(id).isPresent()) {
        throw CliException.usage("thread '" + id + "' already exists in " + s.location() + "; choose another --thread");
      }
      runs.submit(graph, id, input);
      ThreadInfo th = Workflows.thread(s, id, store.hint());
      boolean failed = th.status() == RunStatus.FAILED;
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("thread", id);
        m.put("status", failed ? "failed" : "queued");
        m.put("store", s.location());
        if (failed) m.put("detail", Json.read(th.detailJson()));
        t.out().println(Json.pretty(m));
      } else if (failed) {
        Object msg = Json.readMap(th.detailJson()).get("message");
        t.err().println("lam: error: thread " + id + " was not queued: " + msg);
      } else {
        t.out().println("queued " + graph.name() + " as thread " + id + " (store " + s.location() + ")");
        t.out().println("a worker runs it: lam worker" + store.hint() + "; follow it with: lam runs" + store.hint());
      }
      return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }
}
