package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Redactor;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@link McpHttp} mounted at /mcp in Jetty 12.1 ee10 (Javalin 7's container) on 127.0.0.1, a memory store behind it. */
final class JettyMcp implements AutoCloseable {
  final CheckpointStore store;
  final int port;
  final McpSettings settings;
  final McpHttp mcp;
  private final Server jetty;

  JettyMcp(Path flows, Map<String, String> env) throws Exception {
    Redactor secrets = new Redactor();
    store = Stores.open("memory:", env, secrets);
    settings = new McpSettings(env, secrets, store);
    WorkflowSet set = WorkflowSet.load(List.of(flows), Compiler.withDefaults(env, secrets));
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    jetty.setHandler(context);
    jetty.start(); // the port is known once started; the servlet is added after
    port = connector.getLocalPort();
    mcp = McpHttp.create(set, settings, "test", java.util.Set.of("127.0.0.1", "localhost"));
    context.addServlet(new ServletHolder(mcp.servlet()), McpHttp.ENDPOINT);
  }

  String url() {
    return "http://127.0.0.1:" + port + McpHttp.ENDPOINT;
  }

  /** An initialized Java SDK client over Streamable HTTP; the caller closes it. */
  McpSyncClient client() {
    return client(tools -> {});
  }

  /** An initialized client that hands each tool list it reads after {@code notifications/tools/list_changed} to {@code onToolsChanged}. */
  McpSyncClient client(java.util.function.Consumer<List<io.modelcontextprotocol.spec.McpSchema.Tool>> onToolsChanged) {
    McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
        .endpoint(McpHttp.ENDPOINT).openConnectionOnStartup(true).build()).requestTimeout(Duration.ofSeconds(60))
        .toolsChangeConsumer(onToolsChanged).build();
    c.initialize();
    return c;
  }

  @Override
  public void close() throws Exception {
    mcp.close();
    jetty.stop();
    store.close();
  }
}
