package dev.lamgraph.server;

import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenAI-compatible server for the served workflows' models: {@code POST
 * .../chat/completions} answers {@code pieces} joined, as server-sent chunks (one per piece, with
 * a pause between them) when the request asks to stream, else as one JSON answer. It records
 * whether each request streamed and the messages it sent. {@link #hold} makes each stream wait
 * after its first piece until {@link #release}, so a test can act while the model is certainly
 * still answering, however slow the machine.
 */
final class StreamingLlm implements AutoCloseable {
  private final HttpServer server;
  private volatile List<String> answer;
  private volatile CountDownLatch held = new CountDownLatch(0);
  final List<Boolean> streamed = new CopyOnWriteArrayList<>();
  /** The {@code messages} of each request, as sent. */
  final List<Object> prompts = new CopyOnWriteArrayList<>();

  StreamingLlm(List<String> first, long pauseMs) throws IOException {
    this.answer = List.copyOf(first);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", x -> {
      List<String> pieces = answer;
      Map<String, Object> req = Json.readMap(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      boolean stream = Boolean.TRUE.equals(req.get("stream"));
      streamed.add(stream);
      prompts.add(req.get("messages"));
      if (!stream) {
        byte[] body = Json.write(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000, "model", "gpt-test",
            "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", String.join("", pieces)),
                "finish_reason", "stop")), "usage", Map.of("prompt_tokens", 7, "completion_tokens", pieces.size(),
                "total_tokens", 7 + pieces.size()))).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        x.close();
        return;
      }
      x.getResponseHeaders().add("Content-Type", "text/event-stream");
      x.sendResponseHeaders(200, 0);
      try (OutputStream out = x.getResponseBody()) {
        send(out, chunk(Map.of("role", "assistant", "content", ""), null, null));
        for (int i = 0; i < pieces.size(); i++) {
          send(out, chunk(Map.of("content", pieces.get(i)), null, null));
          if (i == 0) await(held);
          pause(pauseMs);
        }
        send(out, chunk(Map.of(), "stop", Map.of("prompt_tokens", 7, "completion_tokens", pieces.size(), "total_tokens",
            7 + pieces.size())));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.start();
  }

  /** From now on each stream waits after its first piece until {@link #release}. */
  void hold() {
    held = new CountDownLatch(1);
  }

  /** Lets held streams go on (and later ones through). */
  void release() {
    held.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the model answers from now on (a regenerated answer that differs). */
  void answer(List<String> pieces) {
    this.answer = List.copyOf(pieces);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private static void send(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String chunk(Map<String, Object> delta, String finish, Map<String, Object> usage) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finish);
    Map<String, Object> c = new LinkedHashMap<>(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "created",
        1700000000, "model", "gpt-test", "choices", List.of(choice)));
    if (usage != null) c.put("usage", usage);
    return Json.write(c);
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A workflow file: a chat turn answered by this server's model (key {@code ${env:LLM_KEY}}) into a messages channel. */
  static String chatWorkflow(String name) {
    return """
        name: %s
        models:
          default: { provider: openai, model: gpt-test, base_url: "${env:LLM_URL}", api_key: "${env:LLM_KEY}", temperature: 0 }
        state:
          messages: { type: messages }
        nodes:
          answer: { type: llm, system: You are terse., messages: messages, output: messages }
        edges:
          - { from: START, to: answer }
          - { from: answer, to: END }
        """.formatted(name);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
