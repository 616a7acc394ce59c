package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on {@code lam serve} from a web page and over raw HTTP (a socket, so that {@code Host},
 * {@code Origin} and chunked bodies are exactly what an attacker sends): cross-site request
 * forgery and DNS rebinding against a loopback server without a token, a chunked body past the
 * limit on {@code /mcp}, and path tricks around the token check.
 */
class ServerAttackTest {
  @TempDir Path dir;

  /** One HTTP/1.1 exchange on a fresh connection ({@code Connection: close}); the raw answer. */
  record Raw(int status, String text) {}

  static Raw raw(TestServer s, String method, String path, Map<String, String> headers, String body, boolean chunked) {
    try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
      socket.setSoTimeout(15_000);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      if (!headers.containsKey("Host")) head.append("Host: 127.0.0.1:").append(s.server.port()).append("\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (chunked) head.append("Transfer-Encoding: chunked\r\n");
      else if (body != null) head.append("Content-Length: ").append(bytes.length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      try {
        writeBody(out, bytes, chunked);
      } catch (java.net.SocketException closed) {
        // the server answered (413) and closed before the whole body was sent: read its answer
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (java.net.SocketException reset) {
        // the server may close while the rest of a refused body is still being sent
      }
      String text = all.toString(StandardCharsets.UTF_8);
      return new Raw(Integer.parseInt(text.substring(9, 12)), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeBody(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
    if (chunked) {
      for (int i = 0; i < bytes.length; i += 1000) {
        int n = Math.min(1000, bytes.length - i);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, i, n);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(bytes);
    }
    out.flush();
  }

  static final String RUN = "{\"assistant_id\": \"counter\", \"input\": {}}";

  int threads(TestServer s) {
    return s.post("/threads/search", Map.of()).list().size();
  }

  @Test
  void aWebPageCannotStartRunsOnALoopbackServerWithoutAToken() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      String self = s.server.url();
      // a form or a no-cors fetch: the JSON goes as text/plain or a form, with the page's Origin
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
        Raw r = raw(s, "POST", "/runs/wait", Map.of("Origin", "https://evil.example", "Content-Type", type), RUN, false);
        assertThat(r.status()).as(type).isEqualTo(403);
        assertThat(r.text()).contains("cross-site request forgery").doesNotContain("at dev.lamgraph");
      }
      Raw referer = raw(s, "POST", "/threads", Map.of("Referer", "https://evil.example/page.html", "Content-Type", "text/plain"),
          "{}", false);
      assertThat(referer.status()).isEqualTo(403);
      Raw opaque = raw(s, "POST", "/a2a/counter", Map.of("Origin", "null", "Content-Type", "text/plain"),
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"kind\":\"message\","
              + "\"messageId\":\"m1\",\"role\":\"user\",\"parts\":[{\"kind\":\"data\",\"data\":{}}]}}}", false);
      assertThat(opaque.status()).isEqualTo(403);
      Raw store = raw(s, "PUT", "/store/items", Map.of("Origin", "http://localhost:3000"),
          "{\"namespace\": [\"a\"], \"key\": \"k\", \"value\": {}}", false);
      assertThat(store.status()).isEqualTo(403);
      assertThat(threads(s)).isZero();
      // the studio's own page, and programs (no Origin), still work
      assertThat(raw(s, "POST", "/runs/wait", Map.of("Origin", self, "Content-Type", "application/json"), RUN, false).status())
          .isEqualTo(200);
      assertThat(raw(s, "POST", "/runs/wait", Map.of("Content-Type", "application/json"), RUN, false).status()).isEqualTo(200);
      // reading needs no Origin check (the browser keeps a cross-origin answer from the page without CORS)
      assertThat(raw(s, "GET", "/info", Map.of("Origin", "https://evil.example"), null, false).status()).isEqualTo(200);
    }
  }

  @Test
  void anOriginThatCorsAllowsMayWriteWithoutAToken() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withCors(List.of("http://localhost:3000")), "memory:", Map.of())) {
      assertThat(raw(s, "POST", "/runs/wait", Map.of("Origin", "http://localhost:3000"), RUN, false).status()).isEqualTo(200);
      assertThat(raw(s, "POST", "/runs/wait", Map.of("Origin", "http://localhost:3001"), RUN, false).status()).isEqualTo(403);
    }
  }

  @Test
  void dnsRebindingCannotReachALoopbackServerWithoutAToken() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      assertThat(s.post("/runs/wait", Map.of("assistant_id", "counter")).status()).isEqualTo(200);
      int port = s.server.port();
      // evil.example's name now resolves to 127.0.0.1: its page reads and writes "same-origin"
      for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port, "127.evil.example",
          "localhost.evil.example:" + port, "[::2]:" + port)) {
        Raw read = raw(s, "POST", "/threads/search", Map.of("Host", host, "Origin", "http://" + host), "{}", false);
        assertThat(read.status()).as(host).isEqualTo(403);
        assertThat(read.text()).contains("DNS rebinding").doesNotContain("thread_id");
        String origin = "http://" + host;
        assertThat(raw(s, "POST", "/runs/wait", Map.of("Host", host, "Origin", origin), RUN, false).status()).as(host).isEqualTo(403);
        assertThat(raw(s, "GET", "/studio/api/threads", Map.of("Host", host), null, false).status()).as(host).isEqualTo(403);
        assertThat(raw(s, "GET", "/", Map.of("Host", host), null, false).status()).as(host).isEqualTo(403);
      }
      for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "127.0.0.2:" + port)) {
        assertThat(raw(s, "POST", "/threads/search", Map.of("Host", host), "{}", false).status()).as(host).isEqualTo(200);
        assertThat(raw(s, "GET", "/info", Map.of("Host", host), null, false).status()).as(host).isEqualTo(200);
      }
    }
  }

  @Test
  void aLoopbackLookingNameIsNotLoopback() {
    assertThat(ServerOptions.isLoopback("127.0.0.1")).isTrue();
    assertThat(ServerOptions.isLoopback("127.1.2.3")).isTrue();
    assertThat(ServerOptions.isLoopback("localhost")).isTrue();
    assertThat(ServerOptions.isLoopback("::1")).isTrue();
    assertThat(ServerOptions.isLoopback("127.evil.example")).isFalse();
    assertThatThrownBy(() -> ServerOptions.defaults().withHost("127.0.0.1.nip.example", null)).hasMessageContaining("--token-env");
    assertThat(Guard.localHost("127.0.0.1:2024", "127.0.0.1")).isTrue();
    assertThat(Guard.localHost("[::1]:2024", "127.0.0.1")).isTrue();
    assertThat(Guard.localHost("myname:2024", "myname")).isTrue();
    assertThat(Guard.localHost("127.evil.example", "127.0.0.1")).isFalse();
    assertThat(Guard.localHost("evil.example:2024", "127.0.0.1")).isFalse();
  }

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

  @Test
  void pathTricksDoNotGetPastTheToken() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-token"), "memory:", Map.of())) {
      for (String path : List.of("/studio/api/workflows", "/studio/api/workflows/", "/studio/api%2fworkflows",
          "/studio/x/../api/workflows", "/studio/api/workflows;a=b", "/studio/api;/workflows", "//studio/api/workflows",
          "/studio//api/workflows", "/studio/api/./workflows", "/studio/%2e%2e/info", "/studio/..;/info", "/;/info",
          "/studio/;/info", "/ok/../info", "/ok%2f..%2finfo", "/studio/signin.js/../../info", "/mcp", "/a2a/counter",
          "/.well-known/agent-card.json", "/store/items?namespace=a&key=k", "/threads/x/runs/y/stream")) {
        Raw r = raw(s, "GET", path, Map.of(), null, false);
        assertThat(r.status()).as(path).isIn(400, 401, 404);
        assertThat(r.text()).as(path).doesNotContain("\"counter\"").doesNotContain("graph_id").doesNotContain("at org.eclipse");
      }
      Raw head = raw(s, "HEAD", "/info", Map.of(), null, false);
      assertThat(head.status()).isEqualTo(401);
      Raw post = raw(s, "POST", "/runs/wait", Map.of("Content-Type", "application/json"), RUN, false);
      assertThat(post.status()).isEqualTo(401);
      // with a token a foreign Host is fine (the token is what guards), but not without it
      Raw foreign = raw(s, "GET", "/info", Map.of("Host", "evil.example", "Authorization", "Bearer s3cret-token"), null, false);
      assertThat(foreign.status()).isEqualTo(200);
    }
  }

  @Test
  void statelessRunsDoNotStayInMemoryAfterTheirThreadIsDeleted() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      for (int i = 0; i < 20; i++) {
        assertThat(s.post("/runs/wait", Map.of("assistant_id", "counter")).status()).isEqualTo(200);
      }
      // each held ~200 events (a whole state per step) in memory, for good: a cron every minute grew without end
      assertThat(s.server.context().runs().held()).isZero();
      String kept = (String) s.post("/threads", Map.of()).map().get("thread_id");
      assertThat(s.post("/threads/" + kept + "/runs/wait", Map.of("assistant_id", "counter")).status()).isEqualTo(200);
      assertThat(s.get("/threads/" + kept + "/runs").list()).hasSize(1);
      assertThat(s.server.context().runs().held()).isEqualTo(1);
    }
  }

  @Test
  void aThreadSearchOnValuesCannotConfirmAGuessedSecret() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("env-tool.yaml"), """
        name: env-tool
        tools:
          show: { type: shell, command: [printenv, TOKEN], allow: [printenv], root: ., sandbox: none,
                  env: { TOKEN: "${env:SEARCH_SECRET}" } }
        state:
          plan: { type: list }
          text: { type: string, default: "" }
        nodes:
          plan: { type: planner, strategy: static, output: plan, steps: [ { tool: show, args: {} } ] }
          act:  { type: tool, plan: plan, save: { text: "result.stdout" } }
        edges:
          - { from: START, to: plan }
          - { from: plan, to: act }
          - { from: act, to: END }
        """);
    String secret = "pa55-" + java.util.UUID.randomUUID();
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "memory:", Map.of("SEARCH_SECRET", secret))) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      TestServer.Reply run = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "env-tool"));
      assertThat(run.status()).as(run.body()).isEqualTo(200);
      assertThat(run.map()).containsEntry("text", "***\n");
      // the answer is masked, but a filter on the exact values would say yes to the right guess
      assertThat(s.post("/threads/search", Map.of("values", Map.of("text", secret + "\n"))).list()).isEmpty();
      assertThat(s.post("/threads/count", Map.of("values", Map.of("text", secret + "\n"))).body()).isEqualTo("0");
      assertThat(s.post("/threads/search", Map.of("values", Map.of("text", "***\n"))).list()).hasSize(1);
      // the history's metadata.writes holds each node's update: the same oracle
      @SuppressWarnings("unchecked") Map<String, Object> act = s.post("/threads/" + t + "/history", Map.of("limit", 100)).list()
          .stream().map(h -> (Map<String, Object>) ((Map<String, Object>) h.get("metadata")).get("writes"))
          .filter(w -> w != null && w.containsKey("act")).map(w -> (Map<String, Object>) w.get("act")).findFirst().orElseThrow();
      assertThat(act).containsEntry("text", "***\n");
      Map<String, Object> guess = new java.util.LinkedHashMap<>(act);
      guess.put("text", secret + "\n");
      assertThat(s.post("/threads/" + t + "/history", Map.of("metadata", Map.of("writes", Map.of("act", guess)), "limit", 100)).list())
          .isEmpty();
      assertThat(s.post("/threads/" + t + "/history", Map.of("metadata", Map.of("writes", Map.of("act", act)), "limit", 100)).list())
          .hasSize(1);
    }
  }

  @Test
  void aThreadIdShapedLikeALinkCannotTakeOverAnotherThread() throws Exception {
    TestServer.copyGraph("counter.yaml", dir);
    java.nio.file.Files.writeString(dir.resolve("other.yaml"), """
        name: other
        state:
          out: { type: string, default: "" }
        nodes:
          mark: { type: set, set: { out: "'taken over'" } }
        edges:
          - { from: START, to: mark }
          - { from: mark, to: END }
        """);
    try (TestServer s = TestServer.start(dir)) {
      assertThat(s.post("/threads", Map.of("thread_id", "victim")).status()).isEqualTo(200);
      assertThat(s.post("/threads/victim/runs/wait", Map.of("assistant_id", "counter")).status()).isEqualTo(200);
      // "victim:2" is where victim continues next: created and run by someone else, it became victim's head
      TestServer.Reply squat = s.post("/threads", Map.of("thread_id", "victim:2"));
      assertThat(squat.status()).isEqualTo(422);
      assertThat(squat.map().get("detail").toString()).contains("links of a thread");
      TestServer.Reply run = s.post("/threads/victim:2/runs/wait", Map.of("assistant_id", "other", "if_not_exists", "create"));
      assertThat(run.status()).isEqualTo(422);
      TestServer.Reply ahead = s.post("/threads", Map.of("thread_id", "later:3"));
      assertThat(ahead.status()).isEqualTo(422);
      assertThat(s.get("/threads/victim").map().get("values")).asString().doesNotContain("taken over");
      TestServer.Reply again = s.post("/threads/victim/runs/wait", Map.of("assistant_id", "counter", "input", Map.of("attempts", 5)));
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.map()).containsEntry("attempts", 100L);
      assertThat(s.get("/threads/victim").map()).containsEntry("lam_thread", "victim:2");
      // ids with a colon that are not links stay fine
      assertThat(s.post("/threads", Map.of("thread_id", "user:alice")).status()).isEqualTo(200);
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
