package dev.lamgraph.server.langgraph;

import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.util.Map;

/**
 * Finds the served workflow an assistant id (uuid5 of the graph name) or a graph name names, for
 * every route group that takes one (the LangGraph routes, the studio).
 */
public final class Assistants {
  private Assistants() {}

  /** The workflow an assistant id or graph name names; 404 when none. */
  public static ServedWorkflow find(WorkflowRegistry registry, String id) {
    return registry.get(id).or(() -> registry.all().stream()
        .filter(w -> Ids.assistantId(w.name()).equals(id)).findFirst())
        .orElseThrow(() -> ApiException.notFound("assistant '" + id + "' not found"));
  }

  /** The workflow, which must have compiled at least once (else 422 with its diagnostics). */
  public static ServedWorkflow runnable(WorkflowRegistry registry, String id) {
    ServedWorkflow w = find(registry, id);
    if (!w.runnable()) {
      throw new ApiException(422, "workflow '" + w.name() + "' (" + w.file() + ") does not compile",
          Map.of("diagnostics", AssistantJson.diagnostics(w.diagnostics())));
    }
    return w;
  }
}
