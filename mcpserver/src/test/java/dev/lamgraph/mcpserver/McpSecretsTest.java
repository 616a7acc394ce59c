package dev.lamgraph.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A secret from ${env:...} that reaches the state is masked in every MCP output: tool results, lam_status/lam_result, resources. */
class McpSecretsTest {
  static final String SECRET = "s3cr3t-mcp-value-42";

  @Test
  void aSecretInTheStateIsMaskedInResultsAndResources() throws Exception {
    try (JettyMcp server = new JettyMcp(Path.of("src/test/resources/secret").toAbsolutePath(), Map.of("LAM_TEST_SECRET", SECRET));
        Closer closer = new Closer(server.client())) {
      McpSyncClient client = closer.client;
      List<String> outputs = new ArrayList<>();
      CallToolResult run = client.callTool(new CallToolRequest("leak-env", Map.of()));
      assertThat(run.isError()).as(text(run)).isFalse();
      outputs.add(text(run));
      outputs.add(Json.write(run.structuredContent()));
      String thread = (String) ((Map<?, ?>) run.structuredContent()).get("thread_id");
      for (String tool : List.of("lam_status", "lam_result")) {
        CallToolResult r = client.callTool(new CallToolRequest(tool, Map.of("thread_id", thread)));
        outputs.add(text(r));
        outputs.add(Json.write(r.structuredContent()));
      }
      for (String uri : List.of("lam://threads/" + thread + "/state", "lam://threads/" + thread + "/trace", "lam://workflows/leak-env.yaml")) {
        outputs.add(((TextResourceContents) client.readResource(new ReadResourceRequest(uri)).contents().get(0)).text());
      }
      assertThat(outputs.get(0)).contains("TOKEN=***");
      assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContain(SECRET));
      assertThat(outputs.get(outputs.size() - 2)).contains("TOKEN=***"); // the trace
    }
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  private record Closer(McpSyncClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.closeGracefully();
    }
  }
}
