package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on {@code lam serve} from a web page and over raw HTTP ({@link RawHttp}: {@code Host} and
 * {@code Origin} exactly as an attacker sends them): cross-site request forgery and DNS rebinding
 * against a loopback server without a token, CORS, path tricks around the token check, a thread id
 * squatting another thread's next link, secret oracles in search filters, runs kept in memory.
 * {@link McpAttackTest} attacks {@code /mcp}.
 */
class ServerAttackTest {
  @TempDir Path dir;

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
        RawHttp.Raw r = RawHttp.raw(s, "POST", "/runs/wait", Map.of("Origin", "https://evil.example", "Content-Type", type), RUN, false);
        assertThat(r.status()).as(type).isEqualTo(403);
        assertThat(r.text()).contains("cross-site request forgery").doesNotContain("at dev.lamgraph");
      }
      RawHttp.Raw referer = RawHttp.raw(s, "POST", "/threads", Map.of("Referer", "https://evil.example/page.html", "Content-Type", "text/plain"),
          "{}", false);
      assertThat(referer.status()).isEqualTo(403);
      RawHttp.Raw opaque = RawHttp.raw(s, "POST", "/a2a/counter", Map.of("Origin", "null", "Content-Type", "text/plain"),
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"kind\":\"message\","
              + "\"messageId\":\"m1\",\"role\":\"user\",\"parts\":[{\"kind\":\"data\",\"data\":{}}]}}}", false);
      assertThat(opaque.status()).isEqualTo(403);
      RawHttp.Raw store = RawHttp.raw(s, "PUT", "/store/items", Map.of("Origin", "http://localhost:3000"),
          "{\"namespace\": [\"a\"], \"key\": \"k\", \"value\": {}}", false);
      assertThat(store.status()).isEqualTo(403);
      assertThat(threads(s)).isZero();
      // the studio's own page, and programs (no Origin), still work
      assertThat(RawHttp.raw(s, "POST", "/runs/wait", Map.of("Origin", self, "Content-Type", "application/json"), RUN, false).status())
          .isEqualTo(200);
      assertThat(RawHttp.raw(s, "POST", "/runs/wait", Map.of("Content-Type", "application/json"), RUN, false).status()).isEqualTo(200);
      // reading needs no Origin check (the browser keeps a cross-origin answer from the page without CORS)
      assertThat(RawHttp.raw(s, "GET", "/info", Map.of("Origin", "https://evil.example"), null, false).status()).isEqualTo(200);
    }
  }

  @Test
  void anOriginThatCorsAllowsMayWriteWithoutAToken() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withCors(List.of("http://localhost:3000")), "memory:", Map.of())) {
      assertThat(RawHttp.raw(s, "POST", "/runs/wait", Map.of("Origin", "http://localhost:3000"), RUN, false).status()).isEqualTo(200);
      assertThat(RawHttp.raw(s, "POST", "/runs/wait", Map.of("Origin", "http://localhost:3001"), RUN, false).status()).isEqualTo(403);
      // CORS answers only the allowed origin, never with credentials (the studio's cookie stays same-origin)
      Map<String, String> preflight = Map.of("Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
      Map<String, String> evil = new java.util.HashMap<>(preflight);
      evil.put("Origin", "https://evil.example");
      RawHttp.Raw foreign = RawHttp.raw(s, "OPTIONS", "/threads", evil, null, false);
      assertThat(foreign.text().toLowerCase(java.util.Locale.ROOT)).doesNotContain("access-control-allow-origin")
          .doesNotContain("access-control-allow-credentials");
      Map<String, String> good = new java.util.HashMap<>(preflight);
      good.put("Origin", "http://localhost:3000");
      RawHttp.Raw allowed = RawHttp.raw(s, "OPTIONS", "/threads", good, null, false);
      assertThat(allowed.text()).containsIgnoringCase("Access-Control-Allow-Origin: http://localhost:3000");
      assertThat(allowed.text().toLowerCase(java.util.Locale.ROOT)).doesNotContain("access-control-allow-credentials");
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
        RawHttp.Raw read = RawHttp.raw(s, "POST", "/threads/search", Map.of("Host", host, "Origin", "http://" + host), "{}", false);
        assertThat(read.status()).as(host).isEqualTo(403);
        assertThat(read.text()).contains("DNS rebinding").doesNotContain("thread_id");
        String origin = "http://" + host;
        assertThat(RawHttp.raw(s, "POST", "/runs/wait", Map.of("Host", host, "Origin", origin), RUN, false).status()).as(host).isEqualTo(403);
        assertThat(RawHttp.raw(s, "GET", "/studio/api/threads", Map.of("Host", host), null, false).status()).as(host).isEqualTo(403);
        assertThat(RawHttp.raw(s, "GET", "/", Map.of("Host", host), null, false).status()).as(host).isEqualTo(403);
      }
      for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "127.0.0.2:" + port)) {
        assertThat(RawHttp.raw(s, "POST", "/threads/search", Map.of("Host", host), "{}", false).status()).as(host).isEqualTo(200);
        assertThat(RawHttp.raw(s, "GET", "/info", Map.of("Host", host), null, false).status()).as(host).isEqualTo(200);
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
  void pathTricksDoNotGetPastTheToken() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-token"), "memory:", Map.of())) {
      for (String path : List.of("/studio/api/workflows", "/studio/api/workflows/", "/studio/api%2fworkflows",
          "/studio/x/../api/workflows", "/studio/api/workflows;a=b", "/studio/api;/workflows", "//studio/api/workflows",
          "/studio//api/workflows", "/studio/api/./workflows", "/studio/%2e%2e/info", "/studio/..;/info", "/;/info",
          "/studio/;/info", "/ok/../info", "/ok%2f..%2finfo", "/studio/signin.js/../../info", "/mcp", "/a2a/counter",
          "/.well-known/agent-card.json", "/store/items?namespace=a&key=k", "/threads/x/runs/y/stream")) {
        RawHttp.Raw r = RawHttp.raw(s, "GET", path, Map.of(), null, false);
        assertThat(r.status()).as(path).isIn(400, 401, 404);
        assertThat(r.text()).as(path).doesNotContain("\"counter\"").doesNotContain("graph_id").doesNotContain("at org.eclipse");
      }
      RawHttp.Raw head = RawHttp.raw(s, "HEAD", "/info", Map.of(), null, false);
      assertThat(head.status()).isEqualTo(401);
      RawHttp.Raw post = RawHttp.raw(s, "POST", "/runs/wait", Map.of("Content-Type", "application/json"), RUN, false);
      assertThat(post.status()).isEqualTo(401);
      // with a token a foreign Host is fine (the token is what guards), but not without it
      RawHttp.Raw foreign = RawHttp.raw(s, "GET", "/info", Map.of("Host", "evil.example", "Authorization", "Bearer s3cret-token"), null, false);
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
  void finishedRunsLeaveMemoryPastTheBoundAndAreFoundAgainFromTheStore() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      s.server.context().runs().keepFinished(3);
      List<String[]> made = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
        String run = (String) s.post("/threads/" + t + "/runs", Map.of("assistant_id", "counter")).map().get("run_id");
        assertThat(s.get("/threads/" + t + "/runs/" + run + "/join").map()).containsEntry("attempts", 100L);
        made.add(new String[] {t, run});
      }
      // every run kept all its events (a whole state per step) for the server's life
      assertThat(s.server.context().runs().held()).isLessThanOrEqualTo(3);
      String[] first = made.get(0);
      TestServer.Reply old = s.get("/threads/" + first[0] + "/runs/" + first[1]);
      assertThat(old.status()).as(old.body()).isEqualTo(200);
      assertThat(old.map()).containsEntry("run_id", first[1]).containsEntry("status", "success");
      assertThat(s.get("/threads/" + first[0] + "/runs/" + first[1] + "/join").map()).containsEntry("attempts", 100L);
      assertThat(s.server.context().runs().held()).isLessThanOrEqualTo(3);
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
}
