package dev.lamgraph.server.threads;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.AssistantJson;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The compiled workflow a thread runs with: the copy stored with it (as {@code lam resume} does),
 * shared with the served workflow when the text is the same, else compiled once per text.
 */
public final class GraphCache implements AutoCloseable {
  private final WorkflowRegistry registry;
  private final Supplier<Compiler> compilers;
  private final Map<String, CompiledGraph> bySource = new ConcurrentHashMap<>();

  public GraphCache(WorkflowRegistry registry, Supplier<Compiler> compilers) {
    this.registry = registry;
    this.compilers = compilers;
  }

  /** The graph of {@code t}'s stored workflow; 422 with diagnostics when it no longer compiles. */
  public CompiledGraph of(ThreadInfo t) {
    ServedWorkflow w = registry.get(t.workflow()).orElse(null);
    if (w != null && w.graph() != null && t.source().equals(w.graph().spec().source())) return w.graph();
    CompiledGraph g = bySource.get(t.source());
    if (g != null) return g;
    synchronized (this) {
      g = bySource.get(t.source());
      if (g != null) return g;
      Path file = t.file() == null ? Path.of(t.workflow() + ".yaml") : Path.of(t.file());
      Path base = file.toAbsolutePath().getParent();
      try {
        g = compilers.get().compileText(String.valueOf(t.file()), t.source(), base);
      } catch (WorkflowException e) {
        throw new ApiException(422, "the workflow stored with thread '" + t.id() + "' does not compile with this build",
            Map.of("diagnostics", AssistantJson.diagnostics(e.diagnostics())));
      }
      bySource.put(t.source(), g);
      return g;
    }
  }

  @Override
  public void close() {
    bySource.values().forEach(CompiledGraph::close);
    bySource.clear();
  }
}
