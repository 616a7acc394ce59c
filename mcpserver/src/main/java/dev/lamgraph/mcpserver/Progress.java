package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.exec.RunListener;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * One MCP progress notification per committed step, for a call whose request carried a
 * {@code progressToken} ({@code _meta.progressToken}); without one, {@link #of} is
 * {@link RunListener#NONE}. A client that went away loses its notifications, never the run.
 */
final class Progress implements RunListener {
  private final McpSyncServerExchange exchange;
  private final Object token;
  private final String workflow;

  private Progress(McpSyncServerExchange exchange, Object token, String workflow) {
    this.exchange = exchange;
    this.token = token;
    this.workflow = workflow;
  }

  static RunListener of(McpSyncServerExchange exchange, Map<String, Object> meta, String workflow) {
    Object token = meta == null ? null : meta.get("progressToken");
    return token == null || exchange == null ? RunListener.NONE : new Progress(exchange, token, workflow);
  }

  @Override
  public void stepCommitted(long step, List<String> next, long checkpointBytes) {
    String msg = workflow + ": step " + step + " committed; next: " + (next.isEmpty() ? "END" : String.join(", ", next));
    try {
      exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) step, null, msg));
    } catch (RuntimeException gone) {
      // the client closed the connection: the run goes on, the thread keeps every step
    }
  }
}
