package dev.lamgraph.mcpserver;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.util.Set;

/**
 * The same MCP server over Streamable HTTP: a servlet (Jakarta Servlet 6, e.g. Jetty 12 ee10 under
 * Javalin 7) to mount at {@link #ENDPOINT}. The HTTP server that mounts it brings the servlet API
 * and applies its own access rule (e.g. a bearer token) in front of it.
 *
 * <pre>{@code
 * McpHttp mcp = McpHttp.create(set, settings, version, Set.of("127.0.0.1", "localhost"));
 * servletContextHandler.addServlet(new ServletHolder(mcp.servlet()), McpHttp.ENDPOINT + "/*");
 * // on shutdown: mcp.close();
 * }</pre>
 */
public final class McpHttp implements AutoCloseable {
  /** Where the servlet expects to be mounted. */
  public static final String ENDPOINT = "/mcp";
  /** How often a client's open stream is pinged, so the stream of a client gone is closed. */
  static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofSeconds(30);

  private final HttpServletStreamableServerTransportProvider servlet;
  private final McpSyncServer server;
  private final ToolSync tools;

  private McpHttp(HttpServletStreamableServerTransportProvider servlet, McpSyncServer server, ToolSync tools) {
    this.servlet = servlet;
    this.server = server;
    this.tools = tools;
  }

  /**
   * A Streamable HTTP MCP server for {@code set}, running workflows on {@code settings}' store.
   * {@code allowedHostnames} (e.g. {@code 127.0.0.1}, {@code localhost}) guard against DNS
   * rebinding: a request whose {@code Host} or {@code Origin} names another host (any port) is
   * refused with 403 ({@link HostGuard}). Empty: no check, for a server reached under names it
   * cannot know (behind a proxy) and guarded by a token.
   */
  public static McpHttp create(WorkflowSet set, McpSettings settings, String version, Set<String> allowedHostnames) {
    ServerTransportSecurityValidator guard = allowedHostnames.isEmpty() ? ServerTransportSecurityValidator.NOOP
        : new HostGuard(allowedHostnames);
    HttpServletStreamableServerTransportProvider servlet = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(LamMcpServer.jsonMapper()).mcpEndpoint(ENDPOINT).securityValidator(guard)
        .keepAliveInterval(KEEP_ALIVE).build();
    ThreadRuns runs = new ThreadRuns(settings);
    McpSyncServer server = LamMcpServer.configure(McpServer.sync(servlet), set, runs, version);
    return new McpHttp(servlet, server, new ToolSync(server, set, runs));
  }

  /**
   * Serves {@code next} from now on: tools and resources of workflows gone, new or changed are
   * removed, added or replaced, and every connected client gets {@code notifications/tools/list_changed}.
   * Returns whether a tool changed.
   */
  public boolean update(WorkflowSet next) {
    return tools.update(next);
  }

  /** The servlet to mount at {@link #ENDPOINT}. */
  public jakarta.servlet.http.HttpServlet servlet() {
    return servlet;
  }

  @Override
  public void close() {
    server.closeGracefully();
  }
}
