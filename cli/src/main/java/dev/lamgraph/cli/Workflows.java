package dev.lamgraph.cli;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Compiling workflows (from files or from a thread's stored copy) and finding threads, for the commands. */
final class Workflows {
  private Workflows() {}

  /** Compiles a file; on errors prints every diagnostic and throws a usage error (exit 2). */
  static CompiledGraph compileFile(Terminal t, String file, boolean json) {
    try {
      return t.compiler().compile(t.resolve(file));
    } catch (WorkflowException e) {
      throw invalid(t, e.diagnostics(), json, file + " has " + Diagnostics.summary(e.diagnostics()) + "; nothing was run");
    }
  }

  /** Compiles the workflow text stored with a thread (the copy it started with). */
  static CompiledGraph compileStored(Terminal t, ThreadInfo info, boolean json) {
    Path file = t.resolve(info.file() == null ? info.workflow() + ".yaml" : info.file());
    Path base = file.toAbsolutePath().getParent();
    try {
      return t.compiler().compileText(String.valueOf(info.file()), info.source(), base);
    } catch (WorkflowException e) {
      throw invalid(t, e.diagnostics(), json, "the workflow stored with thread '" + info.id()
          + "' does not compile with this build; pass a fixed copy with --workflow FILE");
    }
  }

  private static CliException invalid(Terminal t, List<Diagnostic> diags, boolean json, String message) {
    if (json) {
      t.out().println(Json.pretty(Map.of("status", "invalid", "diagnostics", Diagnostics.json(diags))));
    } else {
      Diagnostics.print(t, diags);
    }
    return CliException.usage(message);
  }

  /** The thread, or a usage error (exit 2) that says how to list the threads. */
  static ThreadInfo thread(CheckpointStore store, String id, String storeHint) {
    return store.thread(id).orElseThrow(() -> CliException.usage("no thread '" + id + "' in " + store.location()
        + "; list the threads with: lam runs" + storeHint));
  }
}
