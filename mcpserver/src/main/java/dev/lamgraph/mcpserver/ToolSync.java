package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.util.Redactor;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a running SDK server's workflow tools and resources in step with a {@link WorkflowSet}:
 * a workflow gone is removed, a new one added, a changed one (description, input schema, file,
 * source) replaced. The server declares {@code tools.listChanged} and {@code resources.listChanged},
 * so the SDK sends {@code notifications/tools/list_changed} (and the resources one) to the
 * connected clients on each change.
 */
final class ToolSync {
  private final McpSyncServer server;
  private final ThreadRuns runs;
  private final Redactor redactor;
  private Map<String, WorkflowSet.Entry> current;

  ToolSync(McpSyncServer server, WorkflowSet initial, ThreadRuns runs) {
    this.server = server;
    this.runs = runs;
    this.redactor = runs.settings().redactor();
    this.current = byTool(initial);
  }

  /** Switches to {@code next}; returns whether a tool changed. */
  synchronized boolean update(WorkflowSet next) {
    Map<String, WorkflowSet.Entry> wanted = byTool(next);
    boolean changed = false;
    for (WorkflowSet.Entry old : current.values()) {
      WorkflowSet.Entry now = wanted.get(old.tool());
      if (old.equals(now)) continue;
      server.removeTool(old.tool());
      server.removeResource(Resources.uri(old, ".yaml"));
      server.removeResource(Resources.uri(old, ".mmd"));
      changed = true;
    }
    for (WorkflowSet.Entry now : wanted.values()) {
      if (now.equals(current.get(now.tool()))) continue;
      server.addTool(Tools.workflow(now, runs));
      for (SyncResourceSpecification r : Resources.workflow(now, redactor)) server.addResource(r);
      changed = true;
    }
    current = wanted;
    return changed;
  }

  private static Map<String, WorkflowSet.Entry> byTool(WorkflowSet set) {
    Map<String, WorkflowSet.Entry> m = new LinkedHashMap<>();
    for (WorkflowSet.Entry e : set.entries()) m.put(e.tool(), e);
    return m;
  }
}
