package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.ThreadArchive;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.util.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lam export THREAD > t.json}: a thread as one JSON document, for {@code lam import} elsewhere. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Print a thread as one JSON document.",
    description = "Prints a thread as one JSON document on stdout: its workflow text, input, status, every "
        + "checkpoint, trace event and journalled call (tool results, model answers), and its subgraphs' child "
        + "threads. `lam import` reads it into another store, where `lam replay` runs it again, calling nothing. "
        + "Secrets are masked, as in every output: a value holding one is exported masked.",
    footer = {"", "Exit codes: 0 printed, 2 unknown thread.", "", "Example:",
        "  lam export t-1 > threads/t-1.json && lam --store sqlite:ci.db import threads/"})
final class ExportCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class, description = "the thread to export")
  String thread;

  @Mixin StoreOption store = new StoreOption();

  ExportCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    try (CheckpointStore s = store.openForReading(t)) {
      Workflows.thread(s, thread, store.hint());
      t.out().println(Json.pretty(ThreadArchive.export(s, thread)));
      return ExitCodes.OK;
    }
  }
}
