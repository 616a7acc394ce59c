package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
  @TempDir Path dir;

  @Test
  void aNonLoopbackAddressNeedsAToken() {
    assertThatThrownBy(() -> ServerOptions.defaults().withHost("0.0.0.0", null))
        .hasMessageContaining("--token-env");
    assertThat(ServerOptions.defaults().withHost("0.0.0.0", "s3cret-token").host()).isEqualTo("0.0.0.0");
  }

  @Test
  void withATokenEveryRouteButOkAnswers401WithoutIt() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("s3cret-token"), "memory:", Map.of())) {
      assertThat(s.get("/assistants/counter").status()).isEqualTo(200);
      s.token = null;
      assertThat(s.get("/ok").status()).isEqualTo(200);
      TestServer.Reply r = s.get("/assistants/counter");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.map()).containsEntry("detail", "missing bearer token");
      assertThat(s.post("/threads", Map.of()).status()).isEqualTo(401);
      s.token = "wrong";
      assertThat(s.get("/info").status()).isEqualTo(401);
    }
  }

  @Test
  void bodiesOverTheLimitAre413AndSecretsAreMaskedInResponses() throws Exception {
    Files.writeString(dir.resolve("secret.yaml"), """
        name: secret
        state:
          out: { type: string, default: "" }
        nodes:
          leak: { type: set, set: { out: "'key is ' + input.key" } }
        edges:
          - { from: START, to: leak }
          - { from: leak, to: END }
        """);
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withMaxBody(2048), "memory:", Map.of())) {
      s.server.context().redactor().addSecret("hunter2-very-secret");
      TestServer.Reply big = s.post("/threads", Map.of("metadata", Map.of("x", "y".repeat(5000))));
      assertThat(big.status()).isEqualTo(413);
      assertThat(big.map()).containsKey("detail");
      TestServer.Reply r = s.post("/runs/wait", Map.of("assistant_id", "secret", "input", Map.of("key", "hunter2-very-secret")));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("hunter2-very-secret").contains("***");
    }
  }

  @Test
  void corsIsOffUnlessAnOriginIsAllowed() throws Exception {
    TestServer.copyGraph("counter.yaml", dir);
    HttpClient http = HttpClient.newHttpClient();
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.server.url() + "/info"))
          .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withCors(List.of("http://localhost:3000")), "memory:", Map.of())) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.server.url() + "/info"))
          .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
    }
  }

  @Test
  void aWorkflowMissingItsEnvironmentIsServedButRefusesToRun() throws Exception {
    Files.writeString(dir.resolve("needs-key.yaml"), """
        name: needs-key
        models:
          default: { provider: openai, model: gpt-4o-mini, api_key: "${env:OPENAI_API_KEY}", base_url: "${env:OPENAI_BASE_URL}" }
        state:
          reply: { type: string, default: "" }
        nodes:
          ask: { type: llm, prompt: "hi", output: reply }
        edges:
          - { from: START, to: ask }
          - { from: ask, to: END }
        """);
    try (var registry = new dev.lamgraph.server.workflows.WorkflowRegistry(List.of(dir),
            () -> dev.lamgraph.engine.compile.Compiler.withDefaults().envOptional(), java.time.Clock.systemUTC());
        var store = dev.lamgraph.engine.store.Stores.open("memory:", Map.of());
        LamServer server = LamServer.start(new ServerContext(ServerOptions.defaults().withPort(0), registry, store, Map.of(),
            new dev.lamgraph.engine.util.Redactor(), java.time.Clock.systemUTC()), dev.lamgraph.server.api.Routes.standard("t"))) {
      registry.scan();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> graph = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/assistants/needs-key/graph"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(graph.statusCode()).isEqualTo(200);
      HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/runs/wait"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"assistant_id\": \"needs-key\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(run.statusCode()).isEqualTo(422);
      assertThat(run.body()).contains("cannot run").contains("OPENAI_API_KEY");
    }
  }
}
