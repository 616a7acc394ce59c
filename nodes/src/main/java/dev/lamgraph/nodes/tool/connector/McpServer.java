package dev.lamgraph.nodes.tool.connector;

import dev.langchain4j.mcp.client.McpClient;
import java.util.concurrent.atomic.AtomicBoolean;

/** The client of one MCP server, shared by its tools; closing is idempotent (each tool closes it). */
final class McpServer implements AutoCloseable {
  private final McpClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  McpServer(McpClient client) {
    this.client = client;
  }

  McpClient client() {
    return client;
  }

  boolean closed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      client.close();
    } catch (Exception e) {
      // best effort: the server process ends with the JVM at the latest
    }
  }
}
