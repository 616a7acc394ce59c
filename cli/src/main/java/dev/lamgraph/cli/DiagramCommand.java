package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.visualizer.DiagramFiles;
import dev.lamgraph.visualizer.Direction;
import dev.lamgraph.visualizer.GraphView;
import dev.lamgraph.visualizer.MermaidWriter;
import dev.lamgraph.visualizer.RunOverlay;
import dev.lamgraph.visualizer.SvgRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam diagram FILE [-o out.mmd|.md|.html|.svg] [--direction TD|LR] [--run THREAD]}. */
@Command(name = "diagram", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Draw a workflow (and a run's path through it) as a Mermaid flowchart.",
    description = {"Prints the Mermaid text, or writes -o FILE by its extension: .mmd (Mermaid), .md (a fenced block"
        + " GitHub renders), .html (a self-contained page, works offline), .svg (needs the Mermaid CLI and Chromium).",
        "With --run THREAD the run's path is drawn on the graph: visited nodes, taken edges, visit counts, the failed"
        + " or paused node. FILE may be omitted with --run (the workflow stored with the thread is drawn)."})
final class DiagramCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "the workflow YAML")
  String file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write to OUT (.mmd, .md, .html or .svg)")
  String output;

  @Option(names = "--direction", paramLabel = "TD|LR", description = "top-down (default) or left-right")
  Direction direction = Direction.TD;

  @Option(names = "--run", paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "overlay this thread's path")
  String run;

  @Mixin StoreOption store = new StoreOption();

  DiagramCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (file == null && run == null) throw CliException.usage("give a workflow FILE, or --run THREAD");
    DiagramFiles format = DiagramFiles.MMD;
    if (output != null) {
      format = DiagramFiles.forFile(output).orElseThrow(() -> CliException.usage("unknown output type for '" + output
          + "'; use .mmd, .md, .html or .svg"));
    }
    String text;
    String title;
    if (run != null) {
      try (CheckpointStore s = store.openForReading(t)) {
        ThreadInfo info = Workflows.thread(s, run, store.hint());
        try (CompiledGraph g = file != null ? Workflows.inspectFile(t, file) : Workflows.inspectStored(t, info, false)) {
          GraphView view = GraphView.of(g);
          RunOverlay overlay = RunOverlay.of(view, info, s.checkpoints(run, 0, info.step()));
          text = new MermaidWriter().direction(direction).write(view, overlay);
          title = g.name() + " · run " + info.id() + " (" + info.status().id() + ")";
        }
      }
    } else {
      try (CompiledGraph g = Workflows.inspectFile(t, file)) {
        text = new MermaidWriter().direction(direction).write(GraphView.of(g));
        title = g.name();
      }
    }
    if (output == null) {
      t.out().print(text);
      t.out().flush();
      return ExitCodes.OK;
    }
    Path out = t.resolve(output);
    if (format == DiagramFiles.SVG) {
      SvgRenderer svg = new SvgRenderer(t.env());
      var why = svg.unavailable();
      if (why.isPresent()) throw CliException.failed(why.get());
      svg.render(t.redact(text), out);
    } else {
      Files.writeString(out, t.redact(format.text(title, text)), StandardCharsets.UTF_8);
    }
    t.err().println("wrote " + output);
    return ExitCodes.OK;
  }
}
