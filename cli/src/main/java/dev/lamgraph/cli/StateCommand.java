package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.spec.WorkflowVersion;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam state THREAD}: the state at the latest (or a given) checkpoint, rebuilt from the store. */
@Command(name = "state", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Show a thread's state at a checkpoint.",
    description = "Prints a thread's state at its latest checkpoint (or at --checkpoint STEP), with its status;"
        + " for a failed or paused thread, also the error or what it waits for.")
final class StateCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "the thread id (see `lam runs`)")
  String thread;

  @Option(names = "--checkpoint", paramLabel = "STEP",
      description = "the step to show (0 = initial state; default: the latest)")
  Long checkpoint;

  @Option(names = "--json", description = "print one JSON object: thread, workflow, status, step, next, state, detail")
  boolean json;

  @Mixin StoreOption store = new StoreOption();

  StateCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    try (CheckpointStore s = store.openForReading(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      long step = checkpoint == null ? info.step() : checkpoint;
      if (step < 0 || step > info.step()) {
        throw CliException.usage("thread '" + thread + "' has checkpoints 0.." + info.step() + "; no checkpoint " + step);
      }
      try (CompiledGraph graph = Workflows.inspectStored(t, info, json)) {
        StateLog.At at = StateLog.at(graph, s, thread, step);
        Map<String, Object> detail = info.detailJson() == null ? Map.of() : Json.readMap(info.detailJson());
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("thread", info.id());
          m.put("workflow", info.workflow());
          WorkflowVersion v = WorkflowVersion.of(info.source());
          m.put("workflow_version", v.version());
          m.put("workflow_hash", v.hash());
          m.put("status", Labels.status(info));
          m.put("step", step);
          m.put("last_step", info.step());
          m.put("next", at.checkpoint().next());
          m.put("state", at.state());
          m.put("detail", detail);
          t.out().println(Json.pretty(m));
          return ExitCodes.OK;
        }
        boolean paused = info.status() == RunStatus.PAUSED;
        t.out().println("thread " + info.id() + " (" + info.workflow() + "): " + Labels.status(info)
            + (paused ? " after step " + info.step() + " (the last committed step)" : " at step " + info.step()));
        t.out().println("workflow version: " + WorkflowVersion.of(info.source()).label()
            + (info.file() == null ? "" : ", from " + info.file()));
        String next = at.checkpoint().next().isEmpty() ? "END" : String.join(", ", at.checkpoint().next());
        t.out().println("state after step " + step + (step == info.step() ? " (latest)" : " of " + info.step())
            + "; next: " + next);
        t.out().println(Json.pretty(at.state()));
        if (paused) waitsFor(detail);
        if (!detail.isEmpty()) t.out().println(Labels.status(info) + ": " + Json.write(detail));
        return ExitCodes.OK;
      }
    }
  }

  /** What a paused thread waits for: a node's question and answer schema, or the interrupt's node. */
  private void waitsFor(Map<String, Object> d) {
    String node = String.valueOf(d.get("node"));
    String prompt = ErrorHandler.oneLine(t.redact(String.valueOf(d.getOrDefault("prompt", ""))));
    switch (String.valueOf(d.get("when"))) {
      case "node" -> {
        t.out().println("waiting for an answer from node '" + node + "': " + prompt);
        if (d.get("schema") != null) t.out().println("answer schema: " + ErrorHandler.oneLine(String.valueOf(d.get("schema"))));
        t.out().println("answer with: lam resume " + Shell.quote(thread) + " --input KEY=VALUE..." + store.hint());
      }
      case "before", "after" -> {
        t.out().println("waiting at interrupt_" + d.get("when") + " of node '" + node + "': " + prompt);
        t.out().println("continue with: lam resume " + Shell.quote(thread) + store.hint()
            + " (or update the state first with --input CHANNEL=VALUE...)");
      }
      case "fork" -> t.out().println("waiting as a fork of thread '" + d.get("forked_from") + "'; continue with: lam resume "
          + Shell.quote(thread) + store.hint());
      default -> { }
    }
  }
}
