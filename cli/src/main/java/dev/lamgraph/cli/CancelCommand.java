package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam cancel THREAD}: ends a paused (or crashed, or stopped) thread as cancelled. */
@Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "End a paused or interrupted thread as cancelled.",
    description = "Ends a thread that waits for input, or one left running by a process that is gone or was stopped,"
        + " with status cancelled (shown by `lam runs`). Its committed steps are kept: `lam state`, `lam trace` and"
        + " `lam fork` still work. A thread running in a live process is refused: stop that process first, or cancel"
        + " the run through the `lam serve` that runs it.",
    footer = {"", "Exit codes: 0 cancelled, 1 the store cannot be used, 2 usage error (unknown or finished thread).",
        "", "Example:", "  lam cancel agent-loop-3f2a9c1e --reason 'wrong input'"})
final class CancelCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class, description = "the thread id (see `lam runs`)")
  String thread;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "cancelled with lam cancel",
      description = "why, kept with the thread (default: \"cancelled with lam cancel\")")
  String reason;

  @Mixin StoreOption store = new StoreOption();

  CancelCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    try (CheckpointStore s = store.open(t); Runs runs = new Runs(s, t.runOptions())) {
      ThreadInfo before = Workflows.thread(s, thread, store.hint());
      ThreadInfo after;
      try {
        after = runs.cancel(thread, reason);
      } catch (IllegalStateException e) {
        throw CliException.usage(e.getMessage());
      }
      t.out().println("cancelled thread " + after.id() + " (" + before.workflow() + ", was " + Labels.status(before)
          + ") at step " + after.step());
      return ExitCodes.OK;
    }
  }
}
