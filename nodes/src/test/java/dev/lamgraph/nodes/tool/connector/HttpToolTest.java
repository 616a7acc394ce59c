package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http connector against a loopback server (so {@code allow_private: true}): templates, secrets, allow-list (redirects too), limits. */
class HttpToolTest {
  HttpServer server;
  int port;
  final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws java.io.IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var h = x.getRequestHeaders();
    seen.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath()
        + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery()) + " host=" + h.getFirst("Host"));
    String path = x.getRequestURI().getPath();
    String out;
    int status = 200;
    if (path.startsWith("/redirect")) {
      x.getResponseHeaders().add("Location", "http://localhost:" + port + "/stolen");
      x.sendResponseHeaders(302, -1);
      x.close();
      return;
    } else if (path.equals("/big")) {
      out = "x".repeat(2048);
    } else if (path.equals("/missing")) {
      status = 404;
      out = "no such thing";
    } else if (path.equals("/slow")) {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out = "{}";
    } else {
      out = "{\"auth\":\"" + h.getFirst("Authorization") + "\",\"idem\":\"" + h.getFirst("Idempotency-Key") + "\",\"body\":"
          + (body.isEmpty() ? "null" : body) + "}";
    }
    byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", path.equals("/missing") ? "text/plain" : "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private final Redactor secrets = new Redactor();

  private ToolRegistry tools(String entries) throws Exception {
    return registry(entries.replace("PORT", String.valueOf(port)), Path.of("."), Map.of("API_TOKEN", "tok-7f3a9c-secret"),
        secrets);
  }

  @Test
  @SuppressWarnings("unchecked")
  void getFillsPercentEncodedPlaceholdersAndSendsSecretHeaders() throws Exception {
    try (ToolRegistry r = tools("""
        get:
          type: http
          url: "http://127.0.0.1:PORT/items/{id}?q={q}"
          headers: { Authorization: "Bearer ${env:API_TOKEN}" }
          allow_hosts: ["127.0.0.1"]
          allow_private: true""")) {
      ToolResult res = r.call("get", Map.of("id", "a b/c", "q", "x&y=1"), null);
      assertThat(res.ok()).as(String.valueOf(res.error())).isTrue();
      assertThat(seen).containsExactly("GET /items/a%20b%2Fc?q=x%26y%3D1 host=127.0.0.1:" + port);
      Map<?, ?> v = (Map<?, ?>) res.value();
      assertThat(v.get("status")).isEqualTo(200L);
      assertThat((Map<Object, Object>) v.get("body")).containsEntry("auth", "Bearer tok-7f3a9c-secret").containsEntry("idem", "null");
      assertThat(secrets.redact("key tok-7f3a9c-secret")).isEqualTo("key ***");
    }
  }

  @Test
  void postSendsTheBodyTemplateAndAnIdempotencyKey() throws Exception {
    try (ToolRegistry r = tools("""
        post:
          type: http
          method: POST
          url: "http://127.0.0.1:PORT/issues"
          body: { title: "{title}", count: "{n}", labels: [agent, "t-{title}"] }
          allow_hosts: ["127.0.0.1:PORT"]
          allow_private: true""")) {
      Map<?, ?> v = (Map<?, ?>) r.call("post", Map.of("title", "Bug", "n", 2L), null).value();
      assertThat(((Map<?, ?>) v.get("body")).get("body")).isEqualTo(Map.of("title", "Bug", "count", 2L, "labels", List.of("agent", "t-Bug")));
      assertThat(((Map<?, ?>) v.get("body")).get("idem")).isEqualTo("local");
    }
  }

  @Test
  void postWithoutABodyTemplateSendsTheArgumentsWithTheNodesIdempotencyKey() throws Exception {
    List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    NodeContext ctx = new NodeContext() {
      public String threadId() { return "th"; }
      public String nodeName() { return "act"; }
      public long step() { return 7; }
      public int attempt() { return 2; }
      public Map<String, Object> state() { return Map.of(); }
      public Map<String, Object> input() { return Map.of(); }
      public Optional<Object> resumeValue() { return Optional.empty(); }
      public void event(String kind, Map<String, Object> attributes) { events.add(Map.of("kind", kind, "data", attributes)); }
      public boolean cancelled() { return false; }
    };
    try (ToolRegistry r = tools("  create: { type: http, method: PUT, url: \"http://127.0.0.1:PORT/things/{id}\", allow_hosts: [127.0.0.1],"
        + " allow_private: true }")) {
      Map<?, ?> v = (Map<?, ?>) r.call("create", Map.of("id", "t1", "size", 3L), ctx).value();
      assertThat(((Map<?, ?>) v.get("body")).get("idem")).isEqualTo("th:7:act:2");
      assertThat(((Map<?, ?>) v.get("body")).get("body")).isEqualTo(Map.of("id", "t1", "size", 3L));
      assertThat(seen).containsExactly("PUT /things/t1 host=127.0.0.1:" + port);
      assertThat(r.call("create", Map.of("size", 3L), ctx).errorKind()).isEqualTo("invalid_arguments"); // {id} is required
    }
    assertThat(events).hasSize(2).first().satisfies(e -> assertThat(e.get("kind")).isEqualTo("tool_call"));
  }

  @Test
  void aHostOutsideTheAllowListIsRefusedBeforeConnecting() throws Exception {
    try (ToolRegistry r = tools("""
        any:
          type: http
          url: "http://{host}:PORT/x"
          allow_hosts: ["127.0.0.1"]
          allow_private: true""")) {
      ToolResult res = r.call("any", Map.of("host", "localhost"), null);
      assertThat(res.errorKind()).isEqualTo("refused");
      assertThat(res.error()).isEqualTo("host 'localhost' is not in allow_hosts of tool 'any'; allowed: 127.0.0.1");
      assertThat(seen).isEmpty();
      assertThat(r.call("any", Map.of("host", "127.0.0.1"), null).ok()).isTrue();
    }
  }

  @Test
  void aRedirectToAnotherHostIsRefused() throws Exception {
    try (ToolRegistry r = tools("""
        go:
          type: http
          url: "http://127.0.0.1:PORT/redirect"
          allow_hosts: ["127.0.0.1"]
          allow_private: true""")) {
      ToolResult res = r.call("go", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("refused");
      assertThat(res.error()).startsWith("redirect to host 'localhost'");
      assertThat(seen).containsExactly("GET /redirect host=127.0.0.1:" + port);
    }
  }

  @Test
  void compileRefusesALiteralHostOutsideTheAllowListAndRequiresTheList() {
    assertThat(codes(toolDiagnostics("  x: { type: http, url: \"http://localhost:1/x\", allow_hosts: [127.0.0.1] }", Path.of("."), Map.of())))
        .containsExactly("HTTP_HOST_NOT_ALLOWED tool 'x' (type http): host 'localhost:1' is not in allow_hosts; allowed: 127.0.0.1");
    assertThat(codes(toolDiagnostics("  x: { type: http, url: \"http://127.0.0.1/x\" }", Path.of("."), Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("MISSING_FIELD missing required field 'allow_hosts'"));
    assertThat(codes(toolDiagnostics("  x: { type: http, url: \"http://127.0.0.1/x\", allow_hosts: [127.0.0.1], "
        + "headers: { A: \"${env:NOPE_TOKEN}\" } }", Path.of("."), Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("MISSING_ENV").contains("NOPE_TOKEN"));
  }

  @Test
  void statusSizeAndTimeoutFailuresAreObservations() throws Exception {
    try (ToolRegistry r = tools("""
        get:
          type: http
          url: "http://127.0.0.1:PORT/{path}"
          allow_hosts: ["127.0.0.1"]
          allow_private: true
          max_response: 1KiB
          timeout: 500ms""")) {
      ToolResult missing = r.call("get", Map.of("path", "missing"), null);
      assertThat(missing.errorKind()).isEqualTo("http_status");
      assertThat(missing.error()).isEqualTo("HTTP 404 from GET http://127.0.0.1:" + port + "/missing: no such thing");
      assertThat(r.call("get", Map.of("path", "big"), null).errorKind()).isEqualTo("too_large");
      assertThat(r.call("get", Map.of("path", "slow"), null).errorKind()).isEqualTo("timeout");
    }
  }
}
