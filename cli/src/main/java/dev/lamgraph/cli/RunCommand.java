package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.nodes.model.ModelRecording;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam run FILE}: compile, then run on the store as a new thread, printing one line per step. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Run a workflow as a new, checkpointed thread.",
    description = "Compiles a workflow and runs it as a new thread on the checkpoint store, printing one line "
        + "per committed step, then the final state and the thread id. Every step is checkpointed: a "
        + "run that fails, pauses or is killed continues with `lam resume THREAD`.",
    footer = {"", "Exit codes: 0 done, 1 run failed, 2 usage or validation error, 3 paused for input.",
        "", "Examples:", "  lam run graphs/agent-loop.yaml",
        "  lam run flow.yaml --input topic=cats --input max=3 --input 'tags=[\"a\",\"b\"]'"})
final class RunCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "FILE", description = "the workflow YAML file")
  String file;

  @Option(names = "--input", paramLabel = "KEY=VALUE", converter = Inputs.PairConverter.class,
      description = "an input value; VALUE is JSON when it parses as JSON (3, true, [1,2], {\"a\":1}, \"3\"), else a string;"
          + " KEY names a channel (VALUE of its type) or is read as input.KEY, else exit 2")
  List<Inputs.Pair> inputs = new ArrayList<>();

  @Option(names = "--input-file", paramLabel = "FILE.json",
      description = "a JSON object of inputs (--input overrides its keys)")
  String inputFile;

  @Option(names = "--thread", paramLabel = "ID", converter = ThreadIdConverters.New.class,
      description = "the new thread's id (default: WORKFLOW-xxxxxxxx)")
  String thread;

  @Option(names = "--executor", paramLabel = "lamgraph|langgraph4j",
      description = "lamgraph (default: durable, checkpointed in the store) or langgraph4j (the same compiled workflow as a"
          + " langgraph4j StateGraph, in memory: for comparison; no store, no resume)")
  String executor = "lamgraph";

  @Option(names = "--record", paramLabel = "FILE",
      description = "record every model request and answer into FILE, a replay file (provider: replay, or LAM_REPLAY=FILE)")
  String record;

  @Mixin StoreOption store = new StoreOption();
  @Mixin OutputOptions output = new OutputOptions();
  @Mixin ValueOption value = new ValueOption();

  RunCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, Object> input = Inputs.collect(t, inputFile, inputs);
    // --record is this command's LAM_RECORD: the models of this compile record, nothing else in the process does
    Terminal t = record == null ? this.t : this.t.withEnv(ModelRecording.recordTo(this.t.env(), this.t.resolve(record)));
    try (CompiledGraph graph = Workflows.compileFile(t, file, output.json)) {
      Inputs.check(graph, input);
      value.check(graph, output.json);
      if (executor.equals("langgraph4j") && value.key != null) {
        throw CliException.usage("--output works with the lamgraph executor; use --json with --executor langgraph4j");
      }
      if (executor.equals("langgraph4j")) return Lg4jRun.run(t, graph, thread, input, output.json);
      if (!executor.equals("lamgraph")) throw CliException.usage("unknown --executor '" + executor + "'; use lamgraph or langgraph4j");
      try (CheckpointStore s = store.open(t)) {
        String id = thread != null ? thread : Runs.newThreadId(graph.name());
        if (s.thread(id).isPresent()) {
          throw CliException.usage("thread '" + id + "' already exists in " + s.location() + "; continue it with: lam resume "
              + Shell.quote(id) + store.hint() + ", or choose another --thread");
        }
        return new RunSession(t, s, output, value, store).start(graph, id, input, file);
      }
    }
  }
}
