package dev.lamgraph.server.mcp;

import dev.lamgraph.mcpserver.McpHttp;
import dev.lamgraph.mcpserver.McpSettings;
import dev.lamgraph.mcpserver.WorkflowSet;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.workflows.ServedWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Set;

/**
 * {@code /mcp}: the served workflows as MCP tools over Streamable HTTP ({@link McpHttp}, the MCP
 * Java SDK's servlet), behind the same rules as every route ({@link dev.lamgraph.server.LamServer}'s
 * bearer token, body limit): the handlers hand the request to the servlet. Runs go to the server's
 * store, so a thread started over MCP is one {@code lam runs} and the LangGraph API see. The tool
 * list follows the server's {@link dev.lamgraph.server.workflows.WorkflowRegistry}: after a scan
 * that added, removed or reloaded a file, the tools and resources are updated and clients get
 * {@code notifications/tools/list_changed}; a file that stops compiling keeps its last good
 * version as a tool (and runs it). Without a token, requests must name
 * the server's host, {@code localhost} or a loopback address ({@code Host}/{@code Origin}): DNS
 * rebinding protection. A POST's body is read by Javalin first, so the server's body limit holds
 * for a chunked body too (413), then handed to the servlet.
 */
public final class McpRoutes implements ServerRoutes {
  private final String version;

  public McpRoutes(String version) {
    this.version = version;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    Set<String> hosts = ctx.options().token() != null ? Set.of()
        : new java.util.TreeSet<>(List.of(ctx.options().host(), "localhost", "127.0.0.1", "::1"));
    McpHttp mcp = McpHttp.create(served(ctx), new McpSettings(ctx.env(), ctx.redactor(), ctx.store(), ctx.paths()::relativeValue), version, hosts);
    ctx.registry().onScan(() -> mcp.update(served(ctx)));
    HttpServlet servlet = mcp.servlet();
    for (String path : List.of(McpHttp.ENDPOINT)) {
      routes.get(path, c -> serve(servlet, c));
      routes.post(path, c -> serve(servlet, c));
      routes.delete(path, c -> serve(servlet, c));
    }
  }

  /** The registry's workflows, each in its last version that compiled (the registry's graph: nothing is compiled again). */
  static WorkflowSet served(ServerContext ctx) {
    List<WorkflowSet.Entry> entries = ctx.registry().all().stream().filter(ServedWorkflow::runnable)
        .map(w -> WorkflowSet.entry(w.file(), w.graph())).toList();
    return WorkflowSet.tolerant(entries, problem -> {}); // the registry already reports name clashes
  }

  /**
   * Hands the request to the servlet. A stream the servlet keeps open (the GET stream that carries
   * {@code notifications/tools/list_changed} and other server messages, a POST's SSE answer) holds
   * this handler until the servlet completes it (the answer is sent, the session ends, or a
   * keep-alive ping finds the client gone): Javalin completes an asynchronous request as soon as
   * its handler returns. {@link McpRequest} sees the servlet's {@code complete()} itself: the
   * container's {@code onComplete} comes only after this handler returns, so waiting for it kept
   * every answered request's thread (and connection) for good.
   */
  private static void serve(HttpServlet servlet, Context c) throws Exception {
    byte[] body = c.method().name().equals("POST") ? c.bodyAsBytes() : null;
    McpRequest req = new McpRequest(c.req(), body);
    servlet.service(req, c.res());
    if (!c.req().isAsyncStarted()) return;
    try {
      req.awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    }
  }
}
