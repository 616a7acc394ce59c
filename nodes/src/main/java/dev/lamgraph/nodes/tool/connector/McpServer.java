package dev.lamgraph.nodes.tool.connector;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The client of one MCP server, shared by its tools. Nothing starts when the workflow compiles:
 * the first {@link #client()} or {@link #spec} (a tool's first call, or a model being offered the
 * tool) starts the process or opens the connection and lists the server's tools. A start that
 * fails is reported as an {@link IllegalStateException} with a one-line message and is tried
 * again on the next use. Closing is idempotent (each tool closes it) and final: a closed server
 * never starts again. Closing a stdio server ends its whole process tree (a launcher such as
 * {@code npx} and the server it spawned), waiting briefly for a clean exit before killing.
 */
final class McpServer implements AutoCloseable {
  private final String entry;
  private final Supplier<McpTransport> transport;
  private final Duration startup;
  private final Duration timeout;
  private McpClient client; // guarded by this
  private McpTransport transportInUse; // guarded by this
  private Map<String, ToolSpecification> specs; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param entry the {@code tools:} entry name, for messages
   * @param transport builds the stdio or HTTP transport at the first use
   */
  McpServer(String entry, Supplier<McpTransport> transport, Duration startup, Duration timeout) {
    this.entry = entry;
    this.transport = transport;
    this.startup = startup;
    this.timeout = timeout;
  }

  /** The started client; starts the server on first use. */
  synchronized McpClient client() {
    start();
    return client;
  }

  /** The server's description of its tool {@code name}; starts the server on first use. */
  synchronized ToolSpecification spec(String name) {
    start();
    ToolSpecification s = specs.get(name);
    if (s == null) {
      throw new IllegalStateException("the MCP server of tool '" + entry + "' has no tool " + name + "; it has: "
          + String.join(", ", new TreeSet<>(specs.keySet())));
    }
    return s;
  }

  /** Whether the server process or connection was started (and not yet closed). */
  synchronized boolean started() {
    return client != null && !closed;
  }

  synchronized boolean closed() {
    return closed;
  }

  private void start() {
    if (closed) throw new IllegalStateException("the MCP server of tool '" + entry + "' is closed");
    if (client != null) return;
    McpTransport t = null;
    McpClient c = null;
    try {
      t = transport.get();
      c = new DefaultMcpClient.Builder().key(entry).clientName("lamgraph").transport(t)
          .initializationTimeout(startup).toolExecutionTimeout(timeout).build();
      Map<String, ToolSpecification> m = new LinkedHashMap<>();
      for (ToolSpecification s : c.listTools()) m.put(s.name(), s);
      specs = m;
      client = c;
      transportInUse = t;
    } catch (RuntimeException e) {
      shutDown(c, t);
      throw new IllegalStateException("cannot start or list the tools of the MCP server of tool '" + entry + "': "
          + McpConnector.message(e), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (client != null) shutDown(client, transportInUse);
  }

  /** Closes the client (or the bare transport) and ends the stdio process and its descendants. */
  private static void shutDown(McpClient c, McpTransport t) {
    Optional<ProcessHandle> process = t instanceof StdioMcpTransport s && s.getProcess() != null
        ? Optional.of(s.getProcess().toHandle()) : Optional.empty();
    List<ProcessHandle> tree = process.map(p -> Stream.concat(Stream.of(p), p.descendants()).toList()).orElse(List.of());
    closeQuietly(c != null ? c : t);
    if (c != null && t != null) closeQuietly(t);
    for (ProcessHandle h : tree) h.destroy();
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception e) {
      // best effort: the server process ends with the JVM at the latest
    }
  }
}
