package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A2A routes with {@code java.net.http}: cards, JSON-RPC errors for bad input (never a stack
 * trace, always HTTP 200 with the JSON-RPC code), a context that is a LangGraph thread, the token
 * and body limit of the server, secrets masked in what the agent answers.
 */
class A2aRoutesTest {
  @TempDir Path dir;

  static Map<String, Object> rpc(String method, Object params) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("jsonrpc", "2.0");
    r.put("id", 7);
    r.put("method", method);
    if (params != null) r.put("params", params);
    return r;
  }

  static Map<String, Object> send(Map<String, Object> message) {
    return rpc("message/send", Map.of("message", message));
  }

  static Map<String, Object> message(List<Map<String, Object>> parts, Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "message");
    m.put("messageId", UUID.randomUUID().toString());
    m.put("role", "user");
    m.put("parts", parts);
    m.putAll(extra);
    return m;
  }

  static Map<String, Object> data(Map<String, Object> d) {
    return Map.of("kind", "data", "data", d);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("Exception", "\tat ");
    Map<String, Object> m = r.map();
    assertThat(m).containsEntry("jsonrpc", "2.0");
    return (Map<String, Object>) m.get("error");
  }

  @Test
  @SuppressWarnings("unchecked")
  void badInputIsAJsonRpcErrorNeverAStackTrace() {
    try (TestServer s = TestServer.fixtures(dir)) {
      assertThat(error(s.post("/a2a/counter", rpc("tasks/list", Map.of()))))
          .containsEntry("code", -32601L).extractingByKey("message").asString().contains("tasks/list");
      assertThat(error(s.post("/a2a/counter", rpc("message/send", Map.of()))))
          .containsEntry("code", -32602L).extractingByKey("message").asString().contains("params.message");
      assertThat(error(s.post("/a2a/counter", send(message(List.of(), Map.of()))))).containsEntry("code", -32602L);
      assertThat(error(s.post("/a2a/counter", send(message(List.of(Map.of("kind", "data", "data", List.of(1))), Map.of())))))
          .containsEntry("code", -32602L).extractingByKey("message").asString().contains("JSON object");
      assertThat(error(s.post("/a2a/counter", send(message(List.of(data(Map.of("attempts", "many"))), Map.of())))))
          .containsEntry("code", -32602L).extractingByKey("message").asString().contains("attempts");
      assertThat(error(s.post("/a2a/counter", send(message(List.of(Map.of("kind", "text", "text", "hi")), Map.of())))))
          .containsEntry("code", -32005L).extractingByKey("message").asString().contains("takes no text");
      assertThat(error(s.post("/a2a/counter", send(message(List.of(Map.of("kind", "file", "file", Map.of("uri", "x"))), Map.of())))))
          .containsEntry("code", -32005L);
      assertThat(error(s.post("/a2a/counter", rpc("tasks/get", Map.of("id", "nope"))))).containsEntry("code", -32001L);
      assertThat(error(s.post("/a2a/counter", rpc("tasks/cancel", Map.of("id", "nope"))))).containsEntry("code", -32001L);
      assertThat(error(s.post("/a2a/counter", rpc("tasks/get", Map.of())))).containsEntry("code", -32602L);
      assertThat(error(s.post("/a2a/counter", send(message(List.of(data(Map.of())), Map.of("taskId", "nope"))))))
          .containsEntry("code", -32001L);
      assertThat(error(s.send("POST", "/a2a/counter", "{not json"))).containsEntry("code", -32700L);
      assertThat(error(s.send("POST", "/a2a/counter", "[1, 2]"))).containsEntry("code", -32600L);
      assertThat(error(s.send("POST", "/a2a/counter", "{\"jsonrpc\": \"1.0\", \"id\": 1, \"method\": \"tasks/get\"}")))
          .containsEntry("code", -32600L);
      assertThat(error(s.post("/a2a/no-such-graph", rpc("tasks/get", Map.of("id", "x"))))).containsEntry("code", -32600L);
      // a finished task cannot be cancelled nor take another message
      TestServer.Reply done = s.post("/a2a/counter", send(message(List.of(data(Map.of("attempts", 99))), Map.of())));
      Map<String, Object> task = result(done);
      assertThat(status(task)).isEqualTo("completed");
      assertThat(error(s.post("/a2a/counter", rpc("tasks/cancel", Map.of("id", task.get("id")))))).containsEntry("code", -32002L);
      // tasks/resubscribe streams the task's run again, ending with the artifact and the final status
      List<Map<String, Object>> results = sse(s, "/a2a/counter", rpc("tasks/resubscribe", Map.of("id", task.get("id"))));
      assertThat(results.get(0)).containsEntry("kind", "task");
      assertThat(results.stream().filter(r -> "status-update".equals(r.get("kind"))).count()).isGreaterThanOrEqualTo(4);
      assertThat(results.get(results.size() - 2)).containsEntry("kind", "artifact-update");
      assertThat(results.get(results.size() - 1)).containsEntry("kind", "status-update").containsEntry("final", true);
      assertThat(error(s.post("/a2a/counter", send(message(List.of(data(Map.of())), Map.of("taskId", task.get("id")))))))
          .containsEntry("code", -32602L).extractingByKey("message").asString().contains("completed");
    }
  }

  @Test
  void cardsByAssistantIdAndPerWorkflow() {
    try (TestServer s = TestServer.fixtures(dir)) {
      Map<String, Object> card = s.get("/.well-known/agent-card.json?assistant_id=counter").map();
      assertThat(card).containsEntry("name", "counter").containsEntry("protocolVersion", "0.3.0")
          .containsEntry("url", s.server.url() + "/a2a/counter").containsEntry("preferredTransport", "JSONRPC");
      assertThat(card).doesNotContainKey("securitySchemes");
      String uuid = dev.lamgraph.server.langgraph.Ids.assistantId("counter");
      assertThat(s.get("/.well-known/agent-card.json?assistant_id=" + uuid).map()).containsEntry("name", "counter");
      assertThat(s.get("/a2a/chat/.well-known/agent-card.json").map()).containsEntry("name", "chat")
          .extractingByKey("defaultInputModes").asList().contains("text/plain");
      assertThat(s.get("/.well-known/agent-card.json?assistant_id=nope").status()).isEqualTo(404);
      assertThat(s.get("/.well-known/agent-card.json").status()).isEqualTo(400);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aContextIsALangGraphThreadAndSecretsAreMasked() {
    String token = "tok-" + UUID.randomUUID();
    TestServer.fixtures(dir).close();
    // a small body limit: a refused body that fits the sockets' buffers is sent whole before the answer is read (a
    // 2 MiB one could be cut by the server's close, losing its 413 to a broken pipe)
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken(token).withMaxBody(8192), "memory:", Map.of())) {
      Map<String, Object> paused = result(s.post("/a2a/human-approval", send(message(List.of(data(Map.of())), Map.of()))));
      assertThat(status(paused)).isEqualTo("input-required");
      String context = (String) paused.get("contextId");
      Map<String, Object> state = s.get("/threads/" + context + "/state").map();
      assertThat((Map<String, Object>) state.get("values")).containsEntry("plan", List.of("search", "summarize"));
      // the answer's text goes to the schema's one string property; approved is still missing
      TestServer.Reply refused = s.post("/a2a/human-approval", send(message(List.of(Map.of("kind", "text", "text", "ok")),
          Map.of("contextId", context))));
      assertThat(error(refused)).containsEntry("code", -32602L).extractingByKey("message").asString().contains("approved");
      Map<String, Object> done = result(s.post("/a2a/human-approval", send(message(List.of(data(Map.of("approved", true,
          "comment", "the token is " + token))), Map.of("taskId", paused.get("id"))))));
      assertThat(status(done)).isEqualTo("completed");
      assertThat(done.get("id")).isEqualTo(paused.get("id"));
      assertThat(Json.write(done)).doesNotContain(token).contains("the token is ***");
      // the same token rule and body limit as the rest of the server
      s.token = null;
      assertThat(s.post("/a2a/counter", rpc("tasks/get", Map.of("id", "x"))).status()).isEqualTo(401);
      assertThat(s.get("/a2a/counter/.well-known/agent-card.json").status()).isEqualTo(401);
      s.token = token;
      assertThat(s.get("/a2a/counter/.well-known/agent-card.json").map()).containsKey("securitySchemes");
      String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"id\":\"" + "x".repeat(20_000) + "\"}}";
      assertThat(s.send("POST", "/a2a/counter", big).status()).isEqualTo(413);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theV1MethodNamesAnswerInV1Shapes() {
    try (TestServer s = TestServer.fixtures(dir)) {
      Map<String, Object> msg = Map.of("messageId", "m1", "role", "ROLE_USER", "parts", List.of(Map.of("data", Map.of("attempts", 98))));
      TestServer.Reply r = s.post("/a2a/counter", rpc("SendMessage", Map.of("message", msg)));
      Map<String, Object> task = (Map<String, Object>) result(r).get("task");
      assertThat(task).doesNotContainKey("kind");
      assertThat(status(task)).isEqualTo("TASK_STATE_COMPLETED");
      Map<String, Object> artifact = ((List<Map<String, Object>>) task.get("artifacts")).get(0);
      assertThat((List<Map<String, Object>>) artifact.get("parts")).allSatisfy(p -> assertThat(p).doesNotContainKey("kind"));
      assertThat(((List<Map<String, Object>>) artifact.get("parts")).get(0)).containsKey("data");
      assertThat(status(result(s.post("/a2a/counter", rpc("GetTask", Map.of("id", task.get("id"))))))).isEqualTo("TASK_STATE_COMPLETED");
      assertThat(error(s.post("/a2a/counter", rpc("GetTask", Map.of("id", "nope"))))).containsEntry("code", -32001L);
      assertThat(error(s.post("/a2a/counter", rpc("CancelTask", Map.of("id", task.get("id")))))).containsEntry("code", -32002L);
      assertThat(error(s.post("/a2a/counter", rpc("ListTasks", Map.of())))).containsEntry("code", -32601L);
      Map<String, Object> bad = Map.of("messageId", "m2", "role", "ROLE_USER", "parts", List.of(Map.of("raw", "AAAA")));
      assertThat(error(s.post("/a2a/counter", rpc("SendMessage", Map.of("message", bad))))).containsEntry("code", -32005L);
      List<Map<String, Object>> events = sse(s, "/a2a/counter", rpc("SubscribeToTask", Map.of("id", task.get("id"))));
      assertThat(events.get(0)).containsKey("task");
      assertThat(events.get(events.size() - 2)).containsKey("artifactUpdate");
      assertThat(Json.write(events.get(events.size() - 1))).contains("\"statusUpdate\"", "TASK_STATE_COMPLETED");
    }
  }

  @Test
  void aRunThatFailsIsAFailedTaskWithTheErrorAndTextGoesToTheSingleTextChannel() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("divide.yaml"), """
        name: divide
        description: Divides by its input.
        state:
          question: { type: string }
          d: { type: integer, default: 0 }
          q: { type: integer, default: 0 }
        nodes:
          div: { type: set, set: { q: "10 / state.d" } }
        edges:
          - { from: START, to: div }
          - { from: div, to: END }
        """);
    try (TestServer s = TestServer.start(dir)) {
      Map<String, Object> failed = result(s.post("/a2a/divide", send(message(List.of(Map.of("kind", "text", "text", "how much?")), Map.of()))));
      assertThat(status(failed)).isEqualTo("failed");
      assertThat(Json.write(((Map<?, ?>) failed.get("status")).get("message"))).contains("the workflow failed", "zero");
      Map<String, Object> state = s.get("/threads/" + failed.get("contextId") + "/state").map();
      assertThat(Json.write(state.get("values"))).contains("\"question\":\"how much?\"");
      Map<String, Object> ok = result(s.post("/a2a/divide", send(message(List.of(data(Map.of("d", 5))), Map.of()))));
      assertThat(status(ok)).isEqualTo("completed");
      assertThat(Json.write(ok.get("artifacts"))).contains("\"q\":2");
    }
  }

  @Test
  void finishedTasksLeaveMemoryPastTheBoundOldestFirst() {
    try (TestServer s = TestServer.fixtures(dir)) {
      s.server.context().runs().keepFinished(3);
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Map<String, Object> task = result(s.post("/a2a/counter", send(message(List.of(data(Map.of("attempts", 99))), Map.of()))));
        assertThat(status(task)).isEqualTo("completed");
        ids.add((String) task.get("id"));
      }
      // each task held its run (all its events) for the server's life
      for (String gone : ids.subList(0, 2)) {
        assertThat(error(s.post("/a2a/counter", rpc("tasks/get", Map.of("id", gone))))).containsEntry("code", -32001L)
            .extractingByKey("message").asString().isEqualTo("task '" + gone + "' not found (the server keeps the last 3 finished tasks in memory)");
        assertThat(error(s.post("/a2a/counter", send(message(List.of(data(Map.of())), Map.of("taskId", gone))))))
            .containsEntry("code", -32001L);
      }
      for (String kept : ids.subList(3, 6)) {
        assertThat(status(result(s.post("/a2a/counter", rpc("tasks/get", Map.of("id", kept)))))).isEqualTo("completed");
      }
      assertThat(s.server.context().runs().held()).isLessThanOrEqualTo(3);
      // a run of the LangGraph API is still a task by its run id (and bounded the same way)
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      String run = (String) s.post("/threads/" + t + "/runs", Map.of("assistant_id", "counter", "input", Map.of("attempts", 99))).map().get("run_id");
      s.get("/threads/" + t + "/runs/" + run + "/join");
      assertThat(status(result(s.post("/a2a/counter", rpc("tasks/get", Map.of("id", run)))))).isEqualTo("completed");
    }
  }

  @Test
  void aTaskWaitingForInputStaysPastTheBound() {
    try (TestServer s = TestServer.fixtures(dir)) {
      s.server.context().runs().keepFinished(2);
      Map<String, Object> paused = result(s.post("/a2a/human-approval", send(message(List.of(data(Map.of())), Map.of()))));
      assertThat(status(paused)).isEqualTo("input-required");
      for (int i = 0; i < 4; i++) {
        assertThat(status(result(s.post("/a2a/counter", send(message(List.of(data(Map.of("attempts", 99))), Map.of()))))))
            .isEqualTo("completed");
      }
      assertThat(status(result(s.post("/a2a/human-approval", rpc("tasks/get", Map.of("id", paused.get("id")))))))
          .isEqualTo("input-required");
      Map<String, Object> done = result(s.post("/a2a/human-approval", send(message(List.of(data(Map.of("approved", true))),
          Map.of("taskId", paused.get("id"))))));
      assertThat(status(done)).isEqualTo("completed");
      assertThat(done.get("id")).isEqualTo(paused.get("id"));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> result(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.map()).as(r.body()).containsKey("result");
    return (Map<String, Object>) r.map().get("result");
  }

  /** The results of an SSE answer ({@code data:} lines, each a JSON-RPC response). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> sse(TestServer s, String path, Object body) {
    TestServer.Reply r = s.post(path, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("content-type").get(0)).startsWith("text/event-stream");
    return r.body().lines().filter(l -> l.startsWith("data: "))
        .map(l -> (Map<String, Object>) ((Map<?, ?>) Json.read(l.substring(6))).get("result")).toList();
  }

  static String status(Map<String, Object> task) {
    return (String) ((Map<?, ?>) task.get("status")).get("state");
  }
}
