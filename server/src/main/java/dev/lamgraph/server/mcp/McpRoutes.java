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
 * list is the workflows that compiled when the server started (a reloaded file runs its new
 * version; a file added later is not a tool until a restart). Without a token, requests must name
 * the server's host, {@code localhost} or a loopback address ({@code Host}/{@code Origin}): DNS
 * rebinding protection.
 */
public final class McpRoutes implements ServerRoutes {
  private final String version;

  public McpRoutes(String version) {
    this.version = version;
  }

  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    List<java.nio.file.Path> files = ctx.registry().all().stream().filter(ServedWorkflow::runnable).map(ServedWorkflow::file).toList();
    WorkflowSet set = WorkflowSet.of(files, ctx.compiler());
    Set<String> hosts = ctx.options().token() != null ? Set.of()
        : new java.util.TreeSet<>(List.of(ctx.options().host(), "localhost", "127.0.0.1", "::1"));
    McpHttp mcp = McpHttp.create(set, new McpSettings(ctx.env(), ctx.redactor(), ctx.store()), version, hosts);
    HttpServlet servlet = mcp.servlet();
    for (String path : List.of(McpHttp.ENDPOINT)) {
      routes.get(path, c -> serve(servlet, c));
      routes.post(path, c -> serve(servlet, c));
      routes.delete(path, c -> serve(servlet, c));
    }
  }

  private static void serve(HttpServlet servlet, Context c) throws Exception {
    servlet.service(c.req(), c.res());
  }
}
