package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's replay test, in CI: threads exported from one store ({@code lam export}), imported into
 * another ({@code lam import}), replayed on a changed definition ({@code lam replay --workflow})
 * with their recorded tool results: the loopback service is never called again.
 */
class ExportReplayTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/n", ex -> {
      int n = calls.incrementAndGet();
      byte[] body = ("{\"call\":" + n + ",\"query\":\"" + ex.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/echo", ex -> {
      byte[] body = ("{\"auth\":\"" + ex.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String flow(String extraNode) {
    return """
        name: fetch
        version: 1
        tools:
          get: { type: http, url: "http://127.0.0.1:%d/n?i={i}", allow_hosts: [127.0.0.1], allow_private: true }
        state:
          got: { type: list, reducer: append }
        nodes:
          one: { type: tool, tool: get, args: { i: "'1'" }, save: { got: "[result.body]" } }
          two: { type: tool, tool: get, args: { i: "'2'" }, save: { got: "[result.body]" } }
        %s
        edges:
          - { from: START, to: one }
          - { from: one, to: two }
          - { from: two, to: %s }
        %s
        """.formatted(server.getAddress().getPort(),
            extraNode == null ? "" : "  three: { type: tool, tool: get, args: { i: \"'3'\" }, save: { got: \"[result.body]\" } }",
            extraNode == null ? "END" : "three", extraNode == null ? "" : "  - { from: three, to: END }");
  }

  @Test
  void exportedThreadsReplayInAnotherStoreWithoutCallingAgain() throws Exception {
    Path v1 = dir.resolve("fetch.yaml");
    Files.writeString(v1, flow(null));
    String a = "sqlite:" + dir.resolve("a.db");
    assertThat(Lam.run(dir, "run", v1, "--thread", "f1", "--store", a, "-q").code()).isEqualTo(0);
    assertThat(Lam.run(dir, "run", v1, "--thread", "f2", "--store", a, "-q").code()).isEqualTo(0);
    assertThat(calls.get()).isEqualTo(4);

    Path exports = Files.createDirectories(dir.resolve("threads"));
    for (String id : List.of("f1", "f2")) {
      Lam.Result ex = Lam.run(dir, "export", id, "--store", a);
      assertThat(ex.code()).as(ex.toString()).isEqualTo(0);
      Files.writeString(exports.resolve(id + ".json"), ex.out());
    }
    String ci = "sqlite:" + dir.resolve("ci.db");
    Lam.Result imported = Lam.run(dir, "import", exports, "--store", ci);
    assertThat(imported.code()).as(imported.toString()).isEqualTo(0);
    assertThat(imported.out()).isEqualTo("imported f1\nimported f2\n");
    assertThat(Lam.run(dir, "state", "f1", "--json", "--store", ci).json().get("state"))
        .isEqualTo(Lam.run(dir, "state", "f1", "--json", "--store", a).json().get("state"));

    Lam.Result same = Lam.run(dir, "replay", "--all", "--workflow", v1, "--store", ci, "-q");
    assertThat(same.code()).as(same.toString()).isEqualTo(0);
    assertThat(same.out()).contains("matches thread f1: done after 2 steps, same path and final state",
        "matches thread f2", "2 replays: all match");
    assertThat(calls.get()).as("a replay calls nothing").isEqualTo(4);

    Path v2 = dir.resolve("fetch-v2.yaml");
    Files.writeString(v2, flow("three"));
    Lam.Result differs = Lam.run(dir, "replay", "f1", "--workflow", v2, "--store", ci, "--json");
    assertThat(differs.code()).as(differs.toString()).isEqualTo(1);
    assertThat((List<Object>) differs.json().get("differences")).first().asString()
        .startsWith("status: done vs failed (").contains("has no tool call 1 of 'three' (attempt 1) in step 3");
    assertThat(calls.get()).isEqualTo(4);

    Path reordered = dir.resolve("fetch-v3.yaml");
    Files.writeString(reordered, flow(null).replace("args: { i: \"'2'\" }", "args: { i: \"'two'\" }"));
    Lam.Result changed = Lam.run(dir, "replay", "f2", "--workflow", reordered, "--store", ci);
    assertThat(changed.code()).isEqualTo(0).as("arguments are not compared: the recorded answer stands for the call");
  }

  @Test
  void aBadExportFileIsOneLineAndImportsNothing() throws Exception {
    Path v1 = dir.resolve("fetch.yaml");
    Files.writeString(v1, flow(null));
    assertThat(Lam.run(dir, "run", v1, "--thread", "g1", "-q").code()).isEqualTo(0);
    String good = Lam.run(dir, "export", "g1").out();
    Map<String, Path> bad = Map.of(
        "not JSON", write("a.json", "{not json"),
        "not a lamgraph thread export", write("b.json", "{\"thread\":{}}"),
        "checkpoints has 3 entries; thread.step 5 needs 6", write("c.json", good.replace("\"step\" : 2,\n    \"detail\"", "\"step\" : 5,\n    \"detail\"")),
        "thread.status 'sleeping' is not one of", write("d.json", good.replace("\"status\" : \"done\"", "\"status\" : \"sleeping\"")),
        "already exists", write("e.json", good));
    String other = "sqlite:" + dir.resolve("other.db");
    for (var e : bad.entrySet()) {
      Lam.Result r = Lam.run(dir, "import", e.getValue(), e.getKey().equals("already exists") ? "--store=sqlite:" + dir.resolve(".lam/lam.db") : "--store=" + other);
      assertThat(r.code()).as(e.getKey() + ": " + r).isEqualTo(2);
      assertThat(r.err()).as(e.getKey()).startsWith("lam: error: ").contains(e.getKey()).hasLineCount(1);
    }
    assertThat(Lam.run(dir, "runs", "--store", other).out()).startsWith("no threads");
  }

  @Test
  void anExportMasksTheSecretsItsValuesAndJournalHold() throws Exception {
    String secret = "s3cr3t-token-for-export";
    Files.writeString(dir.resolve("leak.yaml"), """
        name: leak
        tools:
          echo: { type: http, url: "http://127.0.0.1:%d/echo", allow_hosts: [127.0.0.1], allow_private: true,
                  headers: { Authorization: "Bearer ${env:LAM_TEST_SECRET}" } }
        state:
          echoed: { type: any }
        nodes:
          call: { type: tool, tool: echo, save: { echoed: "result.body" } }
        edges: [ { from: START, to: call }, { from: call, to: END } ]
        """.formatted(server.getAddress().getPort()));
    Map<String, String> env = Map.of("LAM_TEST_SECRET", secret);
    assertThat(Lam.runWithEnv(dir, env, "run", "leak.yaml", "--thread", "s1", "-q").code()).isEqualTo(0);
    Lam.Result ex = Lam.runWithEnv(dir, env, "export", "s1");
    assertThat(ex.code()).as(ex.toString()).isEqualTo(0);
    assertThat(ex.out()).doesNotContain(secret).contains("Bearer ***").contains("\"journal\"");
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
