package dev.lamgraph.server;

import static dev.lamgraph.server.RawHttp.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.server.RawHttp.Raw;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on {@code /mcp} over raw HTTP: a chunked body past the limit, requests that kept their thread. */
class McpAttackTest {
  @TempDir Path dir;

  @Test
  void aChunkedBodyPastTheLimitIs413OnEveryRouteIncludingMcp() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withMaxBody(4096), "memory:", Map.of())) {
      String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"" + "x".repeat(50_000) + "\",\"version\":\"1\"}}}";
      Map<String, String> mcp = Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream");
      for (String path : List.of("/mcp", "/threads", "/a2a/counter", "/runs/wait")) {
        Raw r = raw(s, "POST", path, mcp, big, true);
        assertThat(r.status()).as(path).isEqualTo(413);
        assertThat(r.text()).as(path).doesNotContain("xxxxxxxxxx");
      }
      // a small chunked body still reaches the MCP server
      String small = big.replace("x".repeat(50_000), "probe");
      Raw ok = raw(s, "POST", "/mcp", mcp, small, true);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.text()).contains("\"serverInfo\"");
    }
  }

  /** Threads of this JVM inside the /mcp handler now. */
  static long mcpHandlers() {
    return Thread.getAllStackTraces().values().stream().filter(st -> java.util.Arrays.stream(st)
        .anyMatch(f -> f.getClassName().startsWith("dev.lamgraph.server.mcp.McpRoutes") && f.getMethodName().equals("serve"))).count();
  }

  @Test
  void answeredMcpRequestsDoNotHoldServerThreads() throws Exception {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      Map<String, String> h = Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream");
      Raw init = raw(s, "POST", "/mcp", h, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
          + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"p\",\"version\":\"1\"}}}", false);
      String session = init.text().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("mcp-session-id:"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
      Map<String, String> hs = new java.util.HashMap<>(h);
      hs.put("Mcp-Session-Id", session);
      raw(s, "POST", "/mcp", hs, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", false);
      // each answered request kept its thread (and its connection: the SSE answer never ended) for good;
      // 512 of them and the server answered nothing more
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        Raw list = raw(s, "POST", "/mcp", hs, "{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"tools/list\"}", false);
        assertThat(list.text()).contains("\"counter\"");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(10));
      }
      Raw call = raw(s, "POST", "/mcp", hs, "{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"tools/call\",\"params\":"
          + "{\"name\":\"counter\",\"arguments\":{}}}", false);
      assertThat(call.text()).contains("structuredContent");
      long deadline = System.currentTimeMillis() + 5000;
      while (mcpHandlers() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
      assertThat(mcpHandlers()).isZero();
    }
  }
}
