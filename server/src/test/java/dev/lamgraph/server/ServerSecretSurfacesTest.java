package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret the workflow reads from its environment ({@code ${env:NAME}} in a shell tool's {@code
 * env}), printed by the tool and quoted in a tool's error, looked for in everything {@code lam
 * serve} answers: the run's answer, every stream mode, state, history, thread search, the studio's
 * JSON, an A2A task, an MCP tool call, a copy and a fork. Only {@code ***} may show.
 */
class ServerSecretSurfacesTest {
  @TempDir Path dir;

  static final String WORKFLOW = """
      name: env-echo
      tools:
        show: { type: shell, command: [printenv, TOKEN], allow: [printenv], root: ., sandbox: none,
                env: { TOKEN: "${env:ECHO_SECRET}" } }
        fail: { type: shell, command: [printenv, TOKEN, NOT_SET], allow: [printenv], root: ., sandbox: none,
                env: { TOKEN: "${env:ECHO_SECRET}" } }
      state:
        plan: { type: list }
        text: { type: string, default: "" }
        failed: { type: object }
      nodes:
        plan:  { type: planner, strategy: static, output: plan, steps: [ { tool: show, args: {} } ] }
        act:   { type: tool, plan: plan, save: { text: "result.stdout" } }
        plan2: { type: planner, strategy: static, output: plan, steps: [ { tool: fail, args: {} } ] }
        act2:  { type: tool, plan: plan, output: failed }
      edges:
        - { from: START, to: plan }
        - { from: plan, to: act }
        - { from: act, to: plan2 }
        - { from: plan2, to: act2 }
        - { from: act2, to: END }
      """;

  @Test
  void anEnvironmentSecretIsMaskedOnEverySurface() throws Exception {
    Files.writeString(dir.resolve("env-echo.yaml"), WORKFLOW);
    String secret = "s3cr3t-" + java.util.UUID.randomUUID();
    try (TestServer s = new TestServer(dir, ServerOptions.defaults(), "memory:", Map.of("ECHO_SECRET", secret))) {
      List<String> answers = new ArrayList<>();
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      TestServer.Reply run = s.post("/threads/" + t + "/runs/wait", Map.of("assistant_id", "env-echo"));
      assertThat(run.status()).as(run.body()).isEqualTo(200);
      assertThat(run.body()).contains("***").contains("exited with 1");
      answers.add(run.body());
      List<TestServer.Sse> events = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "env-echo",
          "stream_mode", List.of("values", "updates", "debug", "events", "checkpoints", "custom", "messages-tuple")), Map.of(), 10_000);
      assertThat(events).extracting(TestServer.Sse::event).contains("values", "updates", "debug", "end");
      events.forEach(e -> answers.add(e.event() + " " + e.data()));
      for (String path : List.of("/threads/" + t, "/threads/" + t + "/state", "/threads/" + t + "/history?limit=100",
          "/threads/" + t + "/runs", "/studio/api/threads", "/studio/api/threads/" + t, "/studio/api/threads/" + t + ":2",
          "/assistants/env-echo/schemas", "/assistants/env-echo/graph", "/info", "/studio/api/workflows")) {
        TestServer.Reply r = s.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        answers.add(path + " " + r.body());
      }
      answers.add(s.post("/threads/search", Map.of("limit", 100)).body());
      answers.add(s.post("/threads/" + t + "/history", Map.of("limit", 100)).body());
      answers.add(s.post("/threads/" + t + "/copy", Map.of()).body());
      answers.add(s.post("/threads/" + t + "/state", Map.of("values", Map.of("text", "edited"))).body());
      answers.add(s.post("/a2a/env-echo", Map.of("jsonrpc", "2.0", "id", 1, "method", "message/send", "params", Map.of("message",
          Map.of("kind", "message", "messageId", "m1", "role", "user", "parts", List.of(Map.of("kind", "data", "data", Map.of())))))).body());
      answers.add(mcpCall(s));
      for (String a : answers) {
        assertThat(a).doesNotContain(secret).doesNotContain(secret.substring(7, 20));
      }
      assertThat(String.join("\n", answers)).contains("***");
    }
  }

  /** initialize, initialized, then tools/call env-echo over raw HTTP; the raw answer. */
  private static String mcpCall(TestServer s) {
    Map<String, String> h = Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream");
    RawHttp.Raw init = RawHttp.raw(s, "POST", "/mcp", h, Json.write(Map.of("jsonrpc", "2.0", "id", 1,
        "method", "initialize", "params", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
            "clientInfo", Map.of("name", "probe", "version", "1")))), false);
    String session = init.text().lines().filter(l -> l.toLowerCase().startsWith("mcp-session-id:"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    Map<String, String> hs = new java.util.HashMap<>(h);
    hs.put("Mcp-Session-Id", session);
    RawHttp.raw(s, "POST", "/mcp", hs, Json.write(Map.of("jsonrpc", "2.0", "method", "notifications/initialized")), false);
    RawHttp.Raw call = RawHttp.raw(s, "POST", "/mcp", hs, Json.write(Map.of("jsonrpc", "2.0", "id", 2,
        "method", "tools/call", "params", Map.of("name", "env-echo", "arguments", Map.of()))), false);
    assertThat(call.text()).contains("structuredContent").contains("***");
    return call.text();
  }
}
