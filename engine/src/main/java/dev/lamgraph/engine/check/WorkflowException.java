package dev.lamgraph.engine.check;

import dev.lamgraph.engine.node.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a workflow cannot be loaded or compiled; carries every diagnostic. */
public final class WorkflowException extends Exception {
  private final List<Diagnostic> diagnostics;

  public WorkflowException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
