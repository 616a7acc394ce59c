package dev.lamgraph.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted OpenAI-compatible chat completions server on 127.0.0.1 (JDK HttpServer), the "real
 * model" the LLM examples are recorded against. A {@link Script} sees each request and returns an
 * answer, or null for a request it does not expect: that becomes an HTTP 400 and is kept in
 * {@link #unexpected()}, so a recording never contains an invented answer.
 */
final class MockOpenAi implements AutoCloseable {
  /** Decides the answer to one request. */
  interface Script {
    Answer answer(Chat chat);
  }

  /** A received chat request: its messages ({role, content, tool_calls...}) and offered tool names. */
  record Chat(List<Map<String, Object>> messages, List<String> tools) {
    String system() {
      return messages.stream().filter(m -> "system".equals(m.get("role"))).map(m -> String.valueOf(m.get("content")))
          .findFirst().orElse("");
    }

    /** The first user message (the node's prompt). */
    String prompt() {
      return messages.stream().filter(m -> "user".equals(m.get("role"))).map(m -> String.valueOf(m.get("content")))
          .findFirst().orElse("");
    }

    /** Contents of the tool results sent back so far. */
    List<String> toolResults() {
      return messages.stream().filter(m -> "tool".equals(m.get("role"))).map(m -> String.valueOf(m.get("content"))).toList();
    }
  }

  /** An assistant answer: text, or tool calls (name, arguments JSON). */
  record Answer(String text, List<String[]> calls) {
    static Answer text(String text) {
      return new Answer(text, List.of());
    }

    static Answer json(Object value) {
      return text(Json.write(value));
    }

    static Answer call(String tool, Map<String, Object> args) {
      List<String[]> c = new ArrayList<>();
      c.add(new String[] {tool, Json.write(args)});
      return new Answer(null, c);
    }
  }

  private final HttpServer server;
  private final Script script;
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private int requests;

  MockOpenAi(Script script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  synchronized int requests() {
    return requests;
  }

  /** Requests the script had no answer for (first 300 characters of the prompt). */
  List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  @SuppressWarnings("unchecked")
  private void handle(HttpExchange ex) throws IOException {
    synchronized (this) {
      requests++;
    }
    Map<String, Object> body = Json.readMap(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    List<Map<String, Object>> messages = (List<Map<String, Object>>) body.getOrDefault("messages", List.of());
    List<String> tools = new ArrayList<>();
    for (Object t : (List<Object>) body.getOrDefault("tools", List.of())) {
      tools.add(String.valueOf(((Map<String, Object>) ((Map<String, Object>) t).get("function")).get("name")));
    }
    Chat chat = new Chat(messages, tools);
    Answer a;
    try {
      a = script.answer(chat);
    } catch (RuntimeException e) {
      a = null;
    }
    if (a == null) {
      String p = chat.prompt();
      unexpected.add(p.length() > 300 ? p.substring(0, 300) : p);
      send(ex, 400, Json.write(Map.of("error", Map.of("message", "the mock model has no answer for this request",
          "type", "invalid_request_error"))));
      return;
    }
    send(ex, 200, completion(a, chat));
  }

  /** A chat.completion in OpenAI's wire format; token counts follow the text lengths (deterministic). */
  private static String completion(Answer a, Chat chat) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("role", "assistant");
    msg.put("content", a.text());
    if (!a.calls().isEmpty()) {
      List<Object> calls = new ArrayList<>();
      for (int i = 0; i < a.calls().size(); i++) {
        calls.add(Map.of("id", "call_" + (i + 1), "type", "function",
            "function", Map.of("name", a.calls().get(i)[0], "arguments", a.calls().get(i)[1])));
      }
      msg.put("tool_calls", calls);
    }
    int in = Json.write(chat.messages()).length() / 4;
    int out = (a.text() != null ? a.text().length() : Json.write(msg).length()) / 4;
    return Json.write(Map.of("id", "chatcmpl-mock", "object", "chat.completion", "created", 1767225600, "model", "gpt-4o-mini",
        "choices", List.of(Map.of("index", 0, "message", msg, "finish_reason", a.calls().isEmpty() ? "stop" : "tool_calls")),
        "usage", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
