package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lam serve's /mcp: the MCP Java SDK client behind the bearer token, and the conformance suite through Javalin. */
class McpRoutesTest {
  static final Path CONFORMANCE = Path.of("../mcpserver/src/test/conformance").toAbsolutePath().normalize();

  @TempDir Path dir;

  private static McpSyncClient client(TestServer s, String token) {
    HttpRequest.Builder auth = HttpRequest.newBuilder();
    if (token != null) auth.header("Authorization", "Bearer " + token);
    McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder(s.server.url()).endpoint("/mcp")
        .requestBuilder(auth).build()).requestTimeout(Duration.ofSeconds(60)).build();
    c.initialize();
    return c;
  }

  @Test
  void workflowsAreToolsBehindTheBearerToken() throws Exception {
    Files.copy(Path.of("src/test/resources/serve/human-approval.yaml"), dir.resolve("human-approval.yaml"));
    Files.copy(Path.of("src/test/resources/serve/counter.yaml"), dir.resolve("counter.yaml"));
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-token"), "memory:", Map.of())) {
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.server.url() + "/mcp"))
          .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);

      McpSyncClient c = client(s, "s3cret-token");
      try {
        assertThat(c.listTools().tools()).extracting(McpSchema.Tool::name)
            .containsExactlyInAnyOrder("counter", "human-approval", "lam_resume", "lam_status", "lam_result");
        Map<?, ?> paused = (Map<?, ?>) c.callTool(new CallToolRequest("human-approval", Map.of())).structuredContent();
        assertThat(paused.get("status")).isEqualTo("paused");
        assertThat(paused.get("question")).isEqualTo("Carry out this plan: [\"search\",\"summarize\"] (2 steps)?");
        String thread = (String) paused.get("thread_id");
        Map<?, ?> done = (Map<?, ?>) c.callTool(new CallToolRequest("lam_resume",
            Map.of("thread_id", thread, "answer", Map.of("approved", true)))).structuredContent();
        assertThat(done.get("status")).isEqualTo("done");
        assertThat(((Map<?, ?>) done.get("state")).get("log")).isEqualTo(List.of("drafted", "acted on 2 steps"));
        assertThat(s.store.thread(thread)).isPresent(); // the server's store: lam runs sees it
      } finally {
        c.closeGracefully();
      }
    }
  }

  @Test
  void toolErrorsNamePathsRelativeToTheServedFolder() throws Exception {
    Files.copy(Path.of("src/test/resources/serve/counter.yaml"), dir.resolve("counter.yaml"));
    String abs = dir.toAbsolutePath().toString();
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "sqlite:" + dir.resolve("threads.db").toAbsolutePath(), Map.of())) {
      McpSyncClient c = client(s, null);
      try {
        McpSchema.CallToolResult r = c.callTool(new CallToolRequest("lam_status", Map.of("thread_id", "nope")));
        assertThat(r.isError()).isTrue();
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(text).contains("no thread 'nope' in sqlite:threads.db").doesNotContain(abs);
      } finally {
        c.closeGracefully();
      }
    }
  }

  @Test
  void conformanceSuiteThroughJavalinFailsOnlyTheListedScenarios() throws Exception {
    Files.copy(Path.of("src/test/resources/serve/human-approval.yaml"), dir.resolve("human-approval.yaml"));
    try (TestServer s = TestServer.start(dir)) {
      install();
      Process p = new ProcessBuilder("node", "--import", "./register.mjs", "node_modules/@modelcontextprotocol/conformance/dist/index.js",
          "server", "--url", s.server.url() + "/mcp", "--expected-failures", "http-expected-failures.yml",
          "-o", dir.resolve("results").toString()).directory(CONFORMANCE.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("✓ server-initialize").contains("✓ tools-list").contains("✓ dns-rebinding-protection")
          .contains("✓ server-sse-multiple-streams");
    }
  }

  /** npm ci of the conformance suite when node_modules is missing (the mcpserver module's tests install it first). Never skips. */
  private static synchronized void install() throws IOException, InterruptedException {
    if (Files.isDirectory(CONFORMANCE.resolve("node_modules/@modelcontextprotocol/conformance"))) return;
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CONFORMANCE.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + CONFORMANCE + ":\n" + out);
  }
}
