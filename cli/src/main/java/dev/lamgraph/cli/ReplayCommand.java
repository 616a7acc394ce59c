package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.ReplayResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam replay THREAD}: run a finished thread again from its start and compare. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Run a finished thread again and compare its outcome.",
    description = "Runs a finished (done or failed) thread again from its start, with the input and the workflow "
        + "stored with it (or --workflow FILE), as a new thread, then compares the final status, step count "
        + "and state with the original's.",
    footer = {"", "Exit codes: 0 the replay matches, 1 it differs (each difference is listed), 2 usage error "
        + "(unknown thread, or one that has not finished).", "", "Example:", "  lam replay t-1"})
final class ReplayCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "the finished thread to replay (see `lam runs`)")
  String thread;

  @Option(names = "--thread", paramLabel = "NEW", converter = ThreadIdConverters.New.class,
      description = "the replay's thread id (default: THREAD-replay-xxxx)")
  String newThread;

  @Option(names = "--workflow", paramLabel = "FILE", description = "replay with this workflow instead of the stored copy")
  String workflow;

  @Mixin StoreOption store = new StoreOption();
  @Mixin OutputOptions output = new OutputOptions();

  ReplayCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    try (CheckpointStore s = store.open(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      try (CompiledGraph graph = workflow != null ? Workflows.compileFile(t, workflow, output.json)
          : Workflows.compileStored(t, info, output.json)) {
        if (newThread != null && s.thread(newThread).isPresent()) {
          throw CliException.usage("thread '" + newThread + "' already exists in " + s.location() + "; choose another --thread");
        }
        if (output.progress()) t.out().println("replaying thread " + thread + " (" + info.workflow() + ", "
            + Labels.status(info) + " after " + Diagnostics.count(info.step(), "step") + ")");
        ReplayResult r;
        try (Runs runs = new Runs(s, t.runOptions().withListener(new ProgressPrinter(t, output.progress())))) {
          r = runs.replay(graph, thread, newThread);
        } catch (IllegalStateException e) {
          throw CliException.usage(ErrorHandler.oneLine(e.getMessage()));
        }
        if (output.json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("thread", thread);
          m.put("replay", r.replay());
          m.put("matches", r.matches());
          m.put("differences", r.differences());
          m.put("status", r.result().status().id());
          m.put("steps", r.result().steps());
          t.out().println(Json.pretty(m));
        } else if (r.matches()) {
          t.out().println("replay " + r.replay() + " matches thread " + thread + ": " + r.result().status().id() + " after "
              + Diagnostics.count(r.result().steps(), "step") + ", same final state");
        } else {
          t.out().println("replay " + r.replay() + " differs from thread " + thread + ":");
          r.differences().forEach(d -> t.out().println("  " + d));
        }
        return r.matches() ? ExitCodes.OK : ExitCodes.FAILED;
      }
    }
  }
}
