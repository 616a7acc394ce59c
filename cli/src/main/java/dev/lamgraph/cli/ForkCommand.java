package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
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

/** {@code lam fork THREAD --from CHECKPOINT}: a new thread from a checkpoint of another, with edits. */
@Command(name = "fork", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Start a new thread from a checkpoint of another, with edits.",
    description = "Creates a new thread whose history is the given thread's checkpoints up to --from, then the "
        + "--set edits as one more checkpoint (by __fork__; a value replaces the channel's, whatever its "
        + "reducer, after the same type check). The new thread is paused; `lam resume NEW` runs it. The "
        + "original thread is not changed.",
    footer = {"", "Exit codes: 0 forked, 1 store unusable, 2 usage error (unknown thread or checkpoint, bad edit, "
        + "thread id taken).", "", "Examples:", "  lam history t-1                     # find the checkpoint",
        "  lam fork t-1 --from 3 --set 'plan=[\"search\"]' --thread t-1-b", "  lam resume t-1-b"})
final class ForkCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "the thread to fork (see `lam runs`)")
  String thread;

  @Option(names = "--from", paramLabel = "CHECKPOINT", required = true,
      description = "the checkpoint (step) to start from (see `lam history THREAD`)")
  long from;

  @Option(names = "--set", paramLabel = "KEY=VALUE", converter = Inputs.PairConverter.class,
      description = "a channel's new value; VALUE is JSON when it parses as JSON, else a string")
  List<Inputs.Pair> sets = new ArrayList<>();

  @Option(names = "--thread", paramLabel = "NEW", converter = ThreadIdConverters.New.class,
      description = "the new thread's id (default: THREAD-forkN-xxxx)")
  String newThread;

  @Option(names = "--json", description = "print one JSON object: thread, forked_from, from, step, state")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "only the fork line and the new thread id (no state)")
  boolean quiet;

  @Mixin ValueOption value = new ValueOption();
  @Mixin StoreOption store = new StoreOption();

  ForkCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    Map<String, Object> edits = Inputs.collect(t, null, sets);
    try (CheckpointStore s = store.open(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      if (newThread != null && s.thread(newThread).isPresent()) {
        throw CliException.usage("thread '" + newThread + "' already exists in " + s.location() + "; choose another --thread");
      }
      try (CompiledGraph graph = Workflows.inspectStored(t, info, json)) {
        value.check(graph, json);
        RunResult f;
        try (Runs runs = new Runs(s, t.runOptions())) {
          f = runs.fork(graph, thread, from, edits, newThread);
        } catch (IllegalArgumentException e) {
          throw CliException.usage(ErrorHandler.oneLine(e.getMessage()));
        }
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("thread", f.threadId());
          m.put("forked_from", thread);
          m.put("from", from);
          m.put("step", f.steps());
          m.put("status", f.status().id());
          m.put("state", f.state());
          t.out().println(Json.pretty(m));
          return ExitCodes.OK;
        }
        if (value.key != null) {
          t.out().println(ValueOption.render(f.state().get(value.key)));
          return ExitCodes.OK;
        }
        t.out().println("forked thread " + thread + " at checkpoint " + from + " as " + f.threadId()
            + (edits.isEmpty() ? "" : ", with " + String.join(", ", edits.keySet()) + " set at step " + f.steps()));
        if (quiet) {
          t.out().println("thread: " + f.threadId());
          return ExitCodes.OK;
        }
        t.out().println("state:");
        t.out().println(Json.pretty(f.state()));
        String asks = askingNext(graph, s, f);
        t.out().println(asks == null ? "run it with: lam resume " + Shell.quote(f.threadId()) + store.hint()
            : "node '" + asks + "' asks a person next: answer it with lam resume " + Shell.quote(f.threadId())
                + " --input KEY=VALUE" + store.hint() + " (or run it without --input to see the question)");
        t.out().println("thread: " + f.threadId());
        return ExitCodes.OK;
      }
    }
  }

  /** The human node the fork runs next, if one does (an answer can be given with the resume), else null. */
  private static String askingNext(CompiledGraph graph, CheckpointStore s, RunResult f) {
    for (var cp : s.checkpoints(f.threadId(), f.steps(), f.steps())) {
      for (String n : cp.next()) {
        var node = graph.nodes().get(n);
        if (node != null && node.type().pauses() && node.body() instanceof NodeBody.Task task && task.node().answerSchema() != null) {
          return n;
        }
      }
    }
    return null;
  }
}
