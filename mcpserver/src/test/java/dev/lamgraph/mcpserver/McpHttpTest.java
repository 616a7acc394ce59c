package dev.lamgraph.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link McpHttp} mounted at /mcp in Jetty 12.1 ee10 (Javalin 7's container): the Java SDK client and the conformance suite. */
class McpHttpTest {
  static final Path FLOWS = Path.of("src/test/resources/flows").toAbsolutePath();
  static JettyMcp server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    server = new JettyMcp(FLOWS, Map.of());
    port = server.port;
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
  }

  @Test
  void javaSdkClientRunsAWorkflowPausesAndResumesOverStreamableHttp() {
    McpSyncClient client = server.client();
    try {
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactly("counter", "human", "lam_resume", "lam_status", "lam_result");
      Map<?, ?> paused = (Map<?, ?>) client.callTool(new CallToolRequest("human", Map.of())).structuredContent();
      assertThat(paused.get("status")).isEqualTo("paused");
      Map<?, ?> done = (Map<?, ?>) client.callTool(new CallToolRequest("lam_resume",
          Map.of("thread_id", paused.get("thread_id"), "answer", Map.of("approved", true)))).structuredContent();
      assertThat(done.get("status")).isEqualTo("done");
      assertThat(server.store.thread((String) paused.get("thread_id")).orElseThrow().status().id()).isEqualTo("done");
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aForeignOriginIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()))
        .header("Origin", "http://evil.example").header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void conformanceSuiteFailsOnlyTheListedScenarios(@TempDir Path out) throws Exception {
    Conformance.Run run = Conformance.servers(server.url(), "http-expected-failures.yml", out);
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("✓ server-initialize").contains("✓ tools-list").contains("✓ resources-list")
        .contains("✓ dns-rebinding-protection");
  }
}
