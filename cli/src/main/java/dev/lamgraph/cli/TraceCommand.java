package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.visualizer.TracePage;
import dev.lamgraph.visualizer.TraceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam trace THREAD [--json | --html FILE] [--all]}. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Show a run's trace: a timeline of steps, tool and model calls, retries and errors.",
    description = {"Prints each step with node, start offset, duration, status and a short update; tool calls and"
        + " model calls (tokens) under their node; totals at the end. Long traces show their first and last lines"
        + " (--all shows everything).",
        "--json prints the raw events as JSON lines (fields: seq, thread, step, kind, node, time, data).",
        "--html FILE writes one self-contained page: the run drawn on its graph, the timeline, each step's state."})
final class TraceCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "the thread id (see `lam runs`)")
  String thread;

  @Option(names = "--json", description = "print the raw events as JSON lines")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "write a self-contained HTML page")
  String html;

  @Option(names = "--all", description = "do not summarise long traces")
  boolean all;

  @Mixin StoreOption store = new StoreOption();

  TraceCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws IOException, StateTypeException {
    try (CheckpointStore s = store.openForReading(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      List<TraceEvent> events = s.events(thread);
      if (json) {
        for (TraceEvent e : events) t.out().println(Json.write(e));
        t.out().flush();
        return ExitCodes.OK;
      }
      if (html != null) {
        try (CompiledGraph g = Workflows.inspectStored(t, info, false)) {
          String page = new TracePage(200, t::redact).render(g, info, s.checkpoints(thread, 0, info.step()), events);
          Files.writeString(t.resolve(html), t.redact(page), StandardCharsets.UTF_8);
        }
        t.err().println("wrote " + html);
        return ExitCodes.OK;
      }
      t.out().print(new TraceText(all ? 0 : 40).render(info, events));
      t.out().flush();
      return ExitCodes.OK;
    }
  }
}
