package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
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
    description = "Continues a thread from its last committed step: a paused run (give the answer with "
        + "--input), a failed one (after a fix, with --workflow FILE) or one whose process was killed. "
        + "The workflow is the copy stored with the thread unless --workflow is given.",
    footer = {"", "Exit codes: 0 done, 1 run failed or thread busy in another process, 2 usage error or unknown thread,",
        "3 paused for input."})
final class ResumeCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", description = "the thread id (see `lam runs`)")
  String thread;

  @Option(names = "--input", paramLabel = "KEY=VALUE", converter = Inputs.PairConverter.class,
      description = "the answer to a paused node; VALUE is JSON when it parses as JSON, else a string")
  List<Inputs.Pair> inputs = new ArrayList<>();

  @Option(names = "--workflow", paramLabel = "FILE",
      description = "run with this (fixed) workflow file instead of the stored copy")
  String workflow;

  @Mixin StoreOption store = new StoreOption();
  @Mixin OutputOptions output = new OutputOptions();

  ResumeCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, Object> answer = Inputs.collect(t, null, inputs);
    try (CheckpointStore s = store.open(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      if (failedOnInput(info)) {
        throw CliException.usage("thread " + thread + " failed on its input, which is stored with it; start a new run"
            + " with corrected --input values: lam run " + Shell.quote(String.valueOf(info.file())) + " --input ...");
      }
      CompiledGraph graph = workflow != null ? Workflows.compileFile(t, workflow, output.json)
          : Workflows.compileStored(t, info, output.json);
      if (output.progress()) {
        String with = workflow != null ? workflow : "its stored workflow";
        t.out().println("resuming thread " + thread + " (" + info.workflow() + ", " + Labels.status(info) + " at step "
            + info.step() + ") with " + with + " (store " + s.location() + ")");
      }
      if (!answer.isEmpty() && !waitsForAnswer(info)) {
        String why = info.status() == RunStatus.PAUSED ? " at an interrupt_before/after, which takes no answer"
            : ", not waiting for an answer";
        t.err().println("lam: note: --input is ignored: thread " + thread + " is " + Labels.status(info) + why);
      }
      String file = workflow != null ? workflow : info.file();
      return new RunSession(t, s, output, store).resume(graph, thread, answer, file);
    }
  }

  /**
   * Failed because an input value did not fit its channel: the engine never put that value in the
   * state, so resuming would silently run without it.
   */
  private static boolean failedOnInput(ThreadInfo info) {
    return info.status() == RunStatus.FAILED && info.detailJson() != null
        && Outcome.INPUT_ERROR.equals(Json.readMap(info.detailJson()).get("kind"));
  }

  /** Paused inside a node that asked for input (not at an interrupt_before/after). */
  private static boolean waitsForAnswer(ThreadInfo info) {
    return info.status() == RunStatus.PAUSED && info.detailJson() != null
        && "node".equals(Json.readMap(info.detailJson()).get("when"));
  }
}
