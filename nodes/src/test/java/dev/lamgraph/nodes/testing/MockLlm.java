package dev.lamgraph.nodes.testing;

import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local stand-in for model servers (okhttp MockWebServer on 127.0.0.1): queue answers in a
 * provider's wire format, then read what the real langchain4j client sent.
 */
public final class MockLlm implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();

  public MockLlm() throws IOException {
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  public String url(String path) {
    return server.url(path).toString();
  }

  public int requests() {
    return server.getRequestCount();
  }

  public MockLlm json(String body) {
    return reply(200, body, 0);
  }

  public MockLlm reply(int code, String body, long delayMs) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body);
    if (delayMs > 0) b.headersDelay(delayMs, TimeUnit.MILLISECONDS);
    server.enqueue(b.build());
    return this;
  }

  /** Queues a server-sent-events answer (a streamed reply, e.g. {@link #openAiStream}). */
  public MockLlm sse(String body) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build());
    return this;
  }

  /** Queues a server-sent-events answer whose body starts only after {@code delayMs} (a stream that goes quiet). */
  public MockLlm sseAfter(String body, long delayMs) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body)
        .bodyDelay(delayMs, TimeUnit.MILLISECONDS).build());
    return this;
  }

  /** The next request the server received (fails after 60 s). */
  public Sent take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(60, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("the server received no request");
    return new Sent(r.getUrl().encodedPath(), r.getHeaders().toMultimap(), r.getBody() == null ? "" : r.getBody().utf8());
  }

  /** One received request: path, headers, body (and the body as JSON). */
  public record Sent(String path, Map<String, List<String>> headers, String body) {
    public Map<String, Object> json() {
      return Json.readMap(body);
    }

    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase());
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- OpenAI chat completions ----

  public static String openAiText(String text, int in, int out) {
    return openAi(Map.of("role", "assistant", "content", text), "stop", in, out);
  }

  /** {@code calls}: name, arguments JSON, name, arguments JSON... */
  public static String openAiTools(String... calls) {
    List<Object> tc = new ArrayList<>();
    for (int i = 0; i < calls.length; i += 2) {
      tc.add(Map.of("id", "call_" + (i / 2 + 1), "type", "function", "function", Map.of("name", calls[i], "arguments", calls[i + 1])));
    }
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("role", "assistant");
    msg.put("content", null);
    msg.put("tool_calls", tc);
    return openAi(msg, "tool_calls", 20, 7);
  }

  private static String openAi(Map<String, Object> message, String finish, int in, int out) {
    return Json.write(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000, "model", "gpt-test",
        "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", finish)),
        "usage", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
  }

  /** An OpenAI chat-completions stream: one {@code data:} chunk per piece, a last one with usage, then {@code [DONE]}. */
  public static String openAiStream(int in, int out, String... pieces) {
    StringBuilder b = new StringBuilder();
    b.append(sseChunk(Map.of("role", "assistant", "content", ""), null, null));
    for (String p : pieces) b.append(sseChunk(Map.of("content", p), null, null));
    b.append(sseChunk(Map.of(), "stop", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
    return b.append("data: [DONE]\n\n").toString();
  }

  /** An OpenAI stream whose answer is one tool call, its arguments in two pieces. */
  public static String openAiToolStream(String id, String name, String argsStart, String argsEnd) {
    Map<String, Object> first = Map.of("index", 0, "id", id, "type", "function", "function", Map.of("name", name, "arguments", argsStart));
    Map<String, Object> rest = Map.of("index", 0, "function", Map.of("arguments", argsEnd));
    return sseChunk(Map.of("role", "assistant", "tool_calls", List.of(first)), null, null)
        + sseChunk(Map.of("tool_calls", List.of(rest)), null, null)
        + sseChunk(Map.of(), "tool_calls", Map.of("prompt_tokens", 20, "completion_tokens", 7, "total_tokens", 27))
        + "data: [DONE]\n\n";
  }

  private static String sseChunk(Map<String, Object> delta, String finish, Map<String, Object> usage) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finish);
    Map<String, Object> c = new LinkedHashMap<>(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk",
        "created", 1700000000, "model", "gpt-test", "choices", List.of(choice)));
    if (usage != null) c.put("usage", usage);
    return "data: " + Json.write(c) + "\n\n";
  }

  // ---- Ollama /api/chat ----

  public static String ollamaText(String text, int in, int out) {
    return Json.write(Map.of("model", "llama-test", "created_at", "2024-01-01T00:00:00Z",
        "message", Map.of("role", "assistant", "content", text), "done", true, "done_reason", "stop",
        "prompt_eval_count", in, "eval_count", out));
  }

  public static String ollamaTool(String name, Map<String, Object> args) {
    return Json.write(Map.of("model", "llama-test", "created_at", "2024-01-01T00:00:00Z",
        "message", Map.of("role", "assistant", "content", "", "tool_calls", List.of(Map.of("function",
            Map.of("name", name, "arguments", args)))), "done", true, "done_reason", "stop", "prompt_eval_count", 30, "eval_count", 9));
  }

  // ---- Anthropic /v1/messages ----

  public static String anthropicText(String text, int in, int out) {
    return anthropic(List.of(Map.of("type", "text", "text", text)), "end_turn", in, out);
  }

  public static String anthropicTool(String id, String name, Map<String, Object> input) {
    return anthropic(List.of(Map.of("type", "tool_use", "id", id, "name", name, "input", input)), "tool_use", 40, 12);
  }

  private static String anthropic(List<Object> content, String stop, int in, int out) {
    return Json.write(Map.of("id", "msg_1", "type", "message", "role", "assistant", "model", "claude-test",
        "content", content, "stop_reason", stop, "usage", Map.of("input_tokens", in, "output_tokens", out)));
  }

  // ---- Gemini generateContent ----

  public static String geminiText(String text, int in, int out) {
    return Json.write(Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))),
        "finishReason", "STOP", "index", 0)), "usageMetadata", Map.of("promptTokenCount", in, "candidatesTokenCount", out,
        "totalTokenCount", in + out), "modelVersion", "gemini-test"));
  }
}
