package dev.lamgraph.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Redactor;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link McpHttp} mounted at /mcp in Jetty 12.1 ee10 (Javalin 7's container): the Java SDK client and the conformance suite. */
class McpHttpTest {
  static final Path FLOWS = Path.of("src/test/resources/flows").toAbsolutePath();
  static Server jetty;
  static McpHttp mcp;
  static CheckpointStore store;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    Redactor secrets = new Redactor();
    store = Stores.open("memory:", Map.of(), secrets);
    McpSettings settings = new McpSettings(Map.of(), secrets, store);
    WorkflowSet set = WorkflowSet.load(List.of(FLOWS), Compiler.withDefaults(Map.of(), secrets));
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    jetty.setHandler(context);
    jetty.start(); // the port is known once started; the servlet is added after
    port = connector.getLocalPort();
    mcp = McpHttp.create(set, settings, "test", List.of("127.0.0.1:" + port, "localhost:" + port));
    context.addServlet(new ServletHolder(mcp.servlet()), McpHttp.ENDPOINT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (mcp != null) mcp.close();
    if (jetty != null) jetty.stop();
    if (store != null) store.close();
  }

  @Test
  void javaSdkClientRunsAWorkflowPausesAndResumesOverStreamableHttp() {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
        .endpoint(McpHttp.ENDPOINT).build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    try {
      client.initialize();
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactly("counter", "human", "lam_resume", "lam_status", "lam_result");
      Map<?, ?> paused = (Map<?, ?>) client.callTool(new CallToolRequest("human", Map.of())).structuredContent();
      assertThat(paused.get("status")).isEqualTo("paused");
      Map<?, ?> done = (Map<?, ?>) client.callTool(new CallToolRequest("lam_resume",
          Map.of("thread_id", paused.get("thread_id"), "answer", Map.of("approved", true)))).structuredContent();
      assertThat(done.get("status")).isEqualTo("done");
      assertThat(store.thread((String) paused.get("thread_id")).orElseThrow().status().id()).isEqualTo("done");
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aForeignHostHeaderIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
        .header("Origin", "http://evil.example").header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void conformanceSuiteFailsOnlyTheListedScenarios(@TempDir Path out) throws Exception {
    Conformance.Run run = Conformance.servers("http://127.0.0.1:" + port + McpHttp.ENDPOINT, "http-expected-failures.yml", out);
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("✓ server-initialize").contains("✓ tools-list").contains("✓ resources-list")
        .contains("✓ dns-rebinding-protection");
  }
}
