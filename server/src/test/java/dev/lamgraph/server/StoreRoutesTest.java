package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LangGraph store routes ({@code /store/items}, {@code /store/items/search}, {@code /store/namespaces}) over HTTP. */
@SuppressWarnings("unchecked")
class StoreRoutesTest {
  @TempDir Path dir;

  /** A clock the test moves. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static TestServer.Reply put(TestServer s, List<String> ns, String key, Object value) {
    return s.send("PUT", "/store/items", Json.write(Map.of("namespace", ns, "key", key, "value", value)));
  }

  @Test
  void putGetUpdateAndDelete() {
    ManualClock clock = new ManualClock();
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "memory:", Map.of(), clock)) {
      assertThat(put(s, List.of("users", "u1"), "prefs", Map.of("theme", "dark")).status()).isEqualTo(204);
      Instant created = clock.now;
      clock.now = clock.now.plusSeconds(30);
      assertThat(put(s, List.of("users", "u1"), "prefs", Map.of("theme", "light", "size", 3)).status()).isEqualTo(204);
      TestServer.Reply got = s.get("/store/items?namespace=users.u1&key=prefs");
      assertThat(got.status()).isEqualTo(200);
      assertThat(got.map()).containsEntry("namespace", List.of("users", "u1")).containsEntry("key", "prefs")
          .containsEntry("value", Map.of("theme", "light", "size", 3L))
          .containsEntry("created_at", created.toString()).containsEntry("updated_at", clock.now.toString())
          .doesNotContainKey("score");
      // a missing item is null, as LangGraph's server answers
      TestServer.Reply none = s.get("/store/items?namespace=users.u2&key=prefs");
      assertThat(none.status()).isEqualTo(200);
      assertThat(none.json()).isNull();
      assertThat(s.send("DELETE", "/store/items", Json.write(Map.of("namespace", List.of("users", "u1"), "key", "prefs"))).status())
          .isEqualTo(204);
      assertThat(s.get("/store/items?namespace=users.u1&key=prefs").json()).isNull();
    }
  }

  @Test
  void searchByPrefixFilterQueryAndPages() {
    try (TestServer s = TestServer.start(dir)) {
      put(s, List.of("memories", "u1"), "m1", Map.of("text", "likes green tea", "kind", "taste", "stars", 4));
      put(s, List.of("memories", "u1"), "m2", Map.of("text", "lives in Lyon", "kind", "place", "stars", 2));
      put(s, List.of("memories", "u1", "old"), "m3", Map.of("text", "Drank TEA daily", "kind", "taste", "stars", 5.0));
      put(s, List.of("memories", "u10"), "m4", Map.of("text", "tea", "kind", "taste"));
      put(s, List.of("docs"), "d1", Map.of("text", "green tea"));
      List<Map<String, Object>> all = items(s, Map.of("namespace_prefix", List.of("memories", "u1")));
      assertThat(all).extracting(i -> i.get("key")).containsExactly("m1", "m2", "m3"); // not u10: whole labels
      assertThat(items(s, Map.of("namespace_prefix", List.of("memories", "u1"), "filter", Map.of("kind", "taste"))))
          .extracting(i -> i.get("key")).containsExactly("m1", "m3");
      assertThat(items(s, Map.of("namespace_prefix", List.of("memories"), "filter", Map.of("stars", 5))))
          .extracting(i -> i.get("key")).containsExactly("m3"); // 5 equals 5.0
      assertThat(items(s, Map.of("namespace_prefix", List.of(), "filter", Map.of("stars", Map.of("$gte", 3)))))
          .extracting(i -> i.get("key")).containsExactly("m1", "m3");
      assertThat(items(s, Map.of("namespace_prefix", List.of("memories"), "limit", 2, "offset", 1)))
          .extracting(i -> i.get("key")).containsExactly("m2", "m3");
      List<Map<String, Object>> q = items(s, Map.of("namespace_prefix", List.of(), "query", "green TEA"));
      assertThat(q).extracting(i -> i.get("key")).containsExactly("d1", "m1", "m3", "m4"); // best first, ties by namespace
      assertThat(q).extracting(i -> i.get("score")).containsExactly(1.0, 1.0, 0.5, 0.5);
    }
  }

  @Test
  void namespacesByPrefixSuffixAndDepth() {
    try (TestServer s = TestServer.start(dir)) {
      for (List<String> ns : List.of(List.of("a", "b", "c"), List.of("a", "b", "d"), List.of("a", "x", "c"), List.of("z"))) {
        put(s, ns, "k", Map.of());
      }
      assertThat(namespaces(s, Map.of())).containsExactly(List.of("a", "b", "c"), List.of("a", "b", "d"), List.of("a", "x", "c"),
          List.of("z"));
      assertThat(namespaces(s, Map.of("prefix", List.of("a", "b")))).containsExactly(List.of("a", "b", "c"), List.of("a", "b", "d"));
      assertThat(namespaces(s, Map.of("suffix", List.of("c")))).containsExactly(List.of("a", "b", "c"), List.of("a", "x", "c"));
      assertThat(namespaces(s, Map.of("prefix", List.of("a", "*", "c")))).containsExactly(List.of("a", "b", "c"), List.of("a", "x", "c"));
      assertThat(namespaces(s, Map.of("max_depth", 2))).containsExactly(List.of("a", "b"), List.of("a", "x"), List.of("z"));
      assertThat(namespaces(s, Map.of("max_depth", 2, "limit", 1, "offset", 1))).containsExactly(List.of("a", "x"));
    }
  }

  @Test
  void aTtlExpiresAnItemAndAReadRefreshesIt() {
    ManualClock clock = new ManualClock();
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "memory:", Map.of(), clock)) {
      assertThat(s.send("PUT", "/store/items", Json.write(Map.of("namespace", List.of("s"), "key", "k", "value", Map.of(), "ttl", 1)))
          .status()).isEqualTo(204);
      clock.now = clock.now.plusSeconds(50);
      assertThat(s.get("/store/items?namespace=s&key=k").json()).isNotNull(); // refreshed: lives until +110 s
      clock.now = clock.now.plusSeconds(50);
      assertThat(s.get("/store/items?namespace=s&key=k&refresh_ttl=false").json()).isNotNull();
      clock.now = clock.now.plus(Duration.ofSeconds(15));
      assertThat(s.get("/store/items?namespace=s&key=k").json()).isNull();
      assertThat(items(s, Map.of("namespace_prefix", List.of("s")))).isEmpty();
    }
  }

  @Test
  void badInputIs422WithAOneLineDetail() {
    try (TestServer s = TestServer.start(dir)) {
      assertThat(detail(put(s, List.of("a.b"), "k", Map.of()))).contains("namespace").contains("'a.b'");
      assertThat(detail(put(s, List.of("a", ""), "k", Map.of()))).contains("namespace");
      assertThat(detail(put(s, List.of(), "k", Map.of()))).contains("namespace is required");
      assertThat(detail(s.send("PUT", "/store/items", Json.write(Map.of("namespace", List.of("a"), "value", Map.of())))))
          .contains("key is required");
      assertThat(detail(put(s, List.of("a"), "k", List.of(1)))).contains("value must be a JSON object");
      assertThat(detail(s.send("PUT", "/store/items", Json.write(Map.of("namespace", List.of("a"), "key", "k", "value", Map.of(),
          "ttl", -1))))).contains("ttl");
      assertThat(detail(s.send("PUT", "/store/items", "{\"namespace\": \"a\", \"key\": \"k\", \"value\": {}}"))).contains("list of strings");
      assertThat(detail(s.get("/store/items?namespace=a"))).contains("key is required");
      assertThat(detail(s.get("/store/items?key=k"))).contains("namespace is required");
      assertThat(detail(s.post("/store/items/search", Map.of("namespace_prefix", List.of("a.b"))))).contains("'a.b'");
      assertThat(detail(s.post("/store/items/search", Map.of("filter", Map.of("n", Map.of("$regex", "x")))))).contains("$regex");
      assertThat(detail(s.post("/store/items/search", Map.of("limit", 5000)))).contains("limit");
      assertThat(detail(s.post("/store/namespaces", Map.of("max_depth", 0)))).contains("max_depth");
      assertThat(detail(s.send("DELETE", "/store/items", Json.write(Map.of("namespace", List.of("a")))))).contains("key is required");
      assertThat(detail(s.send("PUT", "/store/items", "{not json"))).contains("not valid JSON");
    }
  }

  @Test
  void itemsLiveInTheSqliteStoreAndSurviveARestart() {
    String url = "sqlite:" + dir.resolve("lam.db");
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, Map.of())) {
      put(s, List.of("users", "u1"), "prefs", Map.of("theme", "dark"));
    }
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, Map.of())) {
      assertThat(s.get("/store/items?namespace=users.u1&key=prefs").map()).containsEntry("value", Map.of("theme", "dark"));
      assertThat(s.store.items().under(List.of("users"), Instant.now())).hasSize(1);
    }
  }

  @Test
  void itemsLiveInAPostgresStoreToo() {
    dev.lamgraph.engine.testing.PgServer pg = dev.lamgraph.engine.testing.PgServer.shared();
    String url = pg.url(pg.newSchema());
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, Map.of())) {
      put(s, List.of("users", "u1"), "prefs", Map.of("theme", "dark"));
      put(s, List.of("users", "u1", "x"), "k", Map.of("theme", "light"));
      put(s, List.of("users", "u10"), "k", Map.of("theme", "dark"));
      assertThat(items(s, Map.of("namespace_prefix", List.of("users", "u1"), "filter", Map.of("theme", "dark"))))
          .extracting(i -> i.get("key")).containsExactly("prefs");
    }
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), url, Map.of())) {
      assertThat(namespaces(s, Map.of("max_depth", 2))).containsExactly(List.of("users", "u1"), List.of("users", "u10"));
    }
  }

  @Test
  void theStoreNeedsTheTokenAndMasksSecrets() {
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-token"), "memory:", Map.of())) {
      assertThat(put(s, List.of("a"), "k", Map.of("note", "the token is s3cret-token")).status()).isEqualTo(204);
      assertThat(s.get("/store/items?namespace=a&key=k").body()).doesNotContain("s3cret-token");
      s.token = null;
      assertThat(s.get("/store/items?namespace=a&key=k").status()).isEqualTo(401);
      assertThat(put(s, List.of("a"), "k2", Map.of()).status()).isEqualTo(401);
      assertThat(s.post("/store/items/search", Map.of()).status()).isEqualTo(401);
    }
  }

  @Test
  void aStoreWithoutItemsAnswers501() throws Exception {
    var plain = new dev.lamgraph.engine.store.ForwardingStore(new dev.lamgraph.engine.store.memory.MemoryStore()) {
      @Override
      public dev.lamgraph.engine.store.ItemStore items() {
        throw new dev.lamgraph.engine.store.StoreException(dev.lamgraph.engine.store.StoreException.Reason.UNAVAILABLE,
            "plugin: keeps no long-term items (the /store API)");
      }
    };
    var registry = new dev.lamgraph.server.workflows.WorkflowRegistry(List.of(dir),
        () -> dev.lamgraph.engine.compile.Compiler.withDefaults(Map.of(), new dev.lamgraph.engine.util.Redactor()), Clock.systemUTC());
    ServerContext ctx = new ServerContext(ServerOptions.defaults().withPort(0), registry, plain, Map.of(),
        new dev.lamgraph.engine.util.Redactor(), Clock.systemUTC());
    try (LamServer server = LamServer.start(ctx, dev.lamgraph.server.api.Routes.standard("test"))) {
      var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(server.url() + "/store/items?namespace=a&key=k")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(501);
      assertThat(r.body()).contains("keeps no long-term items");
    } finally {
      registry.close();
    }
  }

  static List<Map<String, Object>> items(TestServer s, Map<String, Object> body) {
    TestServer.Reply r = s.post("/store/items/search", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return (List<Map<String, Object>>) r.map().get("items");
  }

  static List<List<String>> namespaces(TestServer s, Map<String, Object> body) {
    TestServer.Reply r = s.post("/store/namespaces", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return (List<List<String>>) r.map().get("namespaces");
  }

  static String detail(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    String d = (String) r.map().get("detail");
    assertThat(d).doesNotContain("\n");
    return d;
  }
}
