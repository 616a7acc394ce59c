package dev.lamgraph.server.workflows;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.node.Diagnostic;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One served workflow file as last seen.
 *
 * @param name the workflow's name (its {@code name:}; the file's base name while it never compiled)
 * @param file the file (absolute)
 * @param graph the last version that compiled, or null when none ever did
 * @param diagnostics the diagnostics of the file as it is now: its errors when it does not compile
 *     (then {@code graph} is the last good version), else its warnings
 * @param current whether {@code graph} is the file as it is now
 * @param loaded when {@code graph} was compiled
 * @param version how many times this file compiled (1 = first load)
 */
public record ServedWorkflow(String name, Path file, CompiledGraph graph, List<Diagnostic> diagnostics, boolean current,
    Instant loaded, int version) {
  public ServedWorkflow {
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether a run can start: some version compiled. */
  public boolean runnable() {
    return graph != null;
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }
}
