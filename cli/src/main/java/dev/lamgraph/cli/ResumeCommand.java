package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.AnswerException;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam resume THREAD}: continue a paused, failed or interrupted thread from its last committed step. */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Continue a paused, failed or interrupted thread.",
    description = "Continues a thread from its last committed step: a paused run, a failed one (after a fix, with "
        + "--workflow FILE) or one whose process was killed. For a run paused in a node that asks (a human "
        + "node), --input/--input-file is the answer, checked against the node's schema. For a run paused at "
        + "interrupt_before/interrupt_after, or a fork, it is a state update (through the channels' reducers, "
        + "committed as its own step by __human__) made before the run continues: approve as is, or edit "
        + "first. A refused answer or update changes nothing: the thread stays paused (exit 2). The workflow "
        + "is the copy stored with the thread (the exact text it started with) unless --workflow is given: the "
        + "thread then moves to that file, as `lam migrate` moves it (refused when something breaks), and "
        + "records it.",
    footer = {"", "Exit codes: 0 done, 1 run failed or thread busy in another process, 2 usage error, unknown thread",
        "or refused input (the thread stays paused), 3 paused for input.", "", "Examples:",
        "  lam resume t-1 --input approved=true --input comment=ok     # answer a human node",
        "  lam resume t-1 --input 'plan=[\"search\"]'                    # edit the state, then run the tools"})
final class ResumeCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "the thread id (see `lam runs`)")
  String thread;

  @Option(names = "--input", paramLabel = "KEY=VALUE", converter = Inputs.PairConverter.class,
      description = "the answer to a paused node, or a state update at an interrupt; VALUE is JSON when it parses as "
          + "JSON, else a string")
  List<Inputs.Pair> inputs = new ArrayList<>();

  @Option(names = "--input-file", paramLabel = "FILE.json",
      description = "a JSON object: the answer, or the state update (--input overrides its keys)")
  String inputFile;

  @Option(names = "--workflow", paramLabel = "FILE",
      description = "move the thread to this (fixed) workflow file and continue on it (see `lam migrate`)")
  String workflow;

  @Mixin StoreOption store = new StoreOption();
  @Mixin OutputOptions output = new OutputOptions();
  @Mixin ValueOption value = new ValueOption();

  ResumeCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, Object> answer = Inputs.collect(t, inputFile, inputs);
    try (CheckpointStore s = store.open(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      if (failedOnInput(info)) {
        throw CliException.usage("thread " + thread + " failed on its input, which is stored with it; start a new run"
            + " with corrected --input values: lam run " + Shell.quote(String.valueOf(info.file())) + " --input ...");
      }
      try (CompiledGraph graph = workflow != null ? Workflows.compileFile(t, workflow, output.json)
          : Workflows.compileStored(t, info, output.json)) {
        value.check(graph, output.json);
        if (output.progress() && value.key == null) {
          String with = workflow != null ? workflow : "its stored workflow";
          t.out().println("resuming thread " + thread + " (" + info.workflow() + ", " + Labels.status(info)
              + (info.status() == RunStatus.PAUSED ? " after step " : " at step ") + info.step() + ") with " + with + " (store " + s.location() + ")");
        }
        if (!answer.isEmpty() && info.status() != RunStatus.PAUSED) {
          t.err().println("lam: note: --input is ignored: thread " + thread + " is " + Labels.status(info)
              + ", not waiting for an answer");
        }
        if (workflow != null && info.status() != RunStatus.DONE) moveTo(s, info, graph);
        String file = workflow != null ? workflow : info.file();
        try {
          return new RunSession(t, s, output, value, store).resume(graph, thread, answer, file);
        } catch (AnswerException e) {
          throw CliException.usage(ErrorHandler.oneLine(e.getMessage()) + "; thread " + thread
              + " is still paused: resume it with a valid --input" + store.hint());
        }
      }
    }
  }

  /**
   * {@code --workflow}: the thread moves to the file (as {@code lam migrate} moves it) before it
   * continues, so it records what it runs; a file it cannot move to is refused, the thread unchanged.
   */
  private void moveTo(CheckpointStore s, ThreadInfo info, CompiledGraph graph) {
    List<String> broken = Migration.breaks(t, s, info, graph);
    if (!broken.isEmpty()) {
      throw CliException.usage("thread " + thread + " cannot continue on " + workflow + ": " + String.join("; ", broken)
          + "; the thread is unchanged");
    }
    if (!Migration.move(t, s, info, graph)) return; // another process runs it: resuming reports that
    if (output.progress()) t.out().println("thread " + thread + " now runs " + workflow + ": " + Migration.change(info, graph));
  }

  /**
   * Failed because an input value did not fit its channel: the engine never put that value in the
   * state, so resuming would silently run without it.
   */
  private static boolean failedOnInput(ThreadInfo info) {
    return info.status() == RunStatus.FAILED && info.detailJson() != null
        && Outcome.INPUT_ERROR.equals(Json.readMap(info.detailJson()).get("kind"));
  }
}
