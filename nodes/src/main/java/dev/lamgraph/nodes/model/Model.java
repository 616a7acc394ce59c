package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.node.CallStubs;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A named model of the workflow, as nodes use it: {@link #call} sends one request, retries rate
 * limits (429) and server errors (5xx) up to {@code max_retries} times with exponential backoff
 * ({@code retry_backoff}, doubled per retry, capped at 30 s, with jitter), and records a
 * {@code model_call} trace event per attempt (provider, model, input_tokens, output_tokens,
 * duration_ms, attachments when images or documents were sent, and error / error_kind when it failed).
 * With {@code trace_content} (on by default for {@code provider: replay} and while recording) the
 * event also holds the request's {@code messages} and the {@code answer} ({@link TracedContent}:
 * each text cut at 2000 characters, at most 40 messages; the context masks secrets). When someone
 * listens to the node's {@code messages} ({@link NodeContext#listening}) the answer is streamed as
 * it arrives ({@link ChatClient#stream}, {@link AnswerStream}); otherwise the call blocks. The
 * answer, journal entry, recording and trace are the same either way.
 *
 * <pre>{@code
 * Model m = models.use("default", "node 'triage'", pos, problems).orElseThrow();
 * ModelResponse r = m.call(new ModelRequest(List.of(ModelMessage.user("Hi")), List.of(), null), ctx);
 * }</pre>
 */
public final class Model {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private final ModelConfig config;
  private final ChatClient client;
  private final Set<String> inputs;

  /** A model that reads text only. */
  public Model(ModelConfig config, ChatClient client) {
    this(config, client, Set.of("text"));
  }

  /** @param inputs what it reads: {@code text}, and {@code image} / {@code pdf} when it accepts attachments of that kind */
  public Model(ModelConfig config, ChatClient client, Set<String> inputs) {
    this.config = config;
    this.client = client;
    this.inputs = Set.copyOf(inputs);
  }

  /** Whether it reads attachments of {@code kind} ({@link Attachment#IMAGE}, {@link Attachment#PDF}). */
  public boolean accepts(String kind) {
    return inputs.contains(kind);
  }

  /** What it reads besides text, sorted ({@code [image, pdf]}, or empty for a text-only model). */
  public List<String> attachmentKinds() {
    return inputs.stream().filter(k -> !k.equals("text")).sorted().toList();
  }

  public String name() {
    return config.name();
  }

  public ModelConfig config() {
    return config;
  }

  /**
   * Calls the model (with retries); {@code ctx} may be null outside a run (no events then). In a
   * run the answer goes through the thread's journal ({@link NodeContext#once}): a step run again
   * after a crash gets the answer its first run journalled, without asking again (its {@code
   * model_call} event says {@code journalled: true}); a request that failed is not journalled.
   */
  public ModelResponse call(ModelRequest request, NodeContext ctx) throws ModelException {
    if (ctx == null) return ask(request, null);
    boolean[] asked = {false};
    String json;
    try {
      json = ctx.once("model", () -> {
        asked[0] = true;
        try {
          return Json.write(ask(request, ctx));
        } catch (ModelException e) {
          throw new Failed(e);
        }
      });
    } catch (Failed f) {
      throw f.failure;
    }
    ModelResponse r;
    try {
      r = Json.MAPPER.readValue(json, ModelResponse.class);
    } catch (java.io.IOException e) {
      throw new ModelException(ModelException.BAD_RESPONSE, config.describe() + ": the journalled answer cannot be read: "
          + e.getMessage(), e);
    }
    if (!asked[0]) {
      record(ctx, request, r, null, System.nanoTime(), 1, true);
      AnswerStream.whole(ctx, config, r);
    }
    return r;
  }

  /** Carries a model's failure out of {@link NodeContext#once}, which journals nothing for it. */
  private static final class Failed extends RuntimeException {
    final ModelException failure;

    Failed(ModelException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  private ModelResponse ask(ModelRequest request, NodeContext ctx) throws ModelException {
    if (ctx != null) {
      var stub = ctx.stubs().answer("model", config.name(), RequestKey.normalize(config, request));
      if (stub.isPresent()) return stubbed(stub.get(), request, ctx);
    }
    for (int attempt = 1; ; attempt++) {
      long t0 = System.nanoTime();
      AnswerStream stream = AnswerStream.open(ctx, config);
      try {
        ModelResponse r = stream == null ? client.chat(request) : client.stream(request, stream::token);
        record(ctx, request, r, null, t0, attempt, false);
        if (stream != null) stream.done(r);
        return r;
      } catch (ModelException e) {
        record(ctx, request, null, e, t0, attempt, false);
        if (!e.retryable() || attempt > config.maxRetries() || (ctx != null && ctx.cancelled())) throw e;
        pause(backoff(attempt));
      } catch (RuntimeException e) { // a client bug or an unreadable replay file: still one clear line
        ModelException m = new ModelException(ModelException.BAD_RESPONSE, config.describe() + ": " + e.getMessage(), e);
        record(ctx, request, null, m, t0, attempt, false);
        throw m;
      }
    }
  }

  /** A stand-in's answer (the client is never called): text, or {@code {text, tool_calls: [{name, arguments}]}}. */
  private ModelResponse stubbed(CallStubs.Answer a, ModelRequest request, NodeContext ctx) throws ModelException {
    long t0 = System.nanoTime();
    if (!a.ok()) {
      ModelException e = new ModelException(a.failureKind(), config.describe() + ": " + a.message());
      record(ctx, request, null, e, t0, 1, false);
      throw e;
    }
    ModelResponse r;
    if (a.value() instanceof Map<?, ?> m) {
      List<ModelMessage.ToolCall> calls = new ArrayList<>();
      if (m.get("tool_calls") instanceof List<?> l) {
        for (Object o : l) {
          if (!(o instanceof Map<?, ?> c)) continue;
          Object args = c.get("arguments");
          calls.add(new ModelMessage.ToolCall("stub-" + (calls.size() + 1), String.valueOf(c.get("name")),
              args instanceof String str ? str : Json.write(args == null ? Map.of() : args)));
        }
      }
      Object text = m.get("text");
      r = new ModelResponse(text == null ? null : text instanceof String str ? str : Json.write(text), calls, 0, 0,
          calls.isEmpty() ? "stop" : "tool_execution");
    } else {
      r = new ModelResponse(a.value() instanceof String str ? str : Json.write(a.value()), List.of(), 0, 0, "stop");
    }
    record(ctx, request, r, null, t0, 1, false);
    AnswerStream.whole(ctx, config, r);
    return r;
  }

  private Duration backoff(int attempt) {
    long base = config.retryBackoff().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 4 + 1));
  }

  private void pause(Duration d) throws ModelException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException(ModelException.TIMEOUT, config.describe() + ": interrupted while waiting to retry");
    }
  }

  /** Whether calls keep their messages and answer in the trace: {@code trace_content}, else replaying or recording. */
  private boolean traceContent() {
    Object v = config.source() == null ? null : config.source().get("trace_content").map(dev.lamgraph.engine.spec.YNode::plain).orElse(null);
    if (v instanceof Boolean b) return b;
    return "replay".equals(config.provider()) || client instanceof RecordingClient;
  }

  private void record(NodeContext ctx, ModelRequest request, ModelResponse r, ModelException e, long t0, int attempt,
      boolean journalled) {
    if (ctx == null) return;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("provider", config.provider());
    d.put("model", config.model() == null ? config.name() : config.model());
    d.put("model_ref", config.name());
    d.put("input_tokens", r == null ? 0L : r.inputTokens());
    d.put("output_tokens", r == null ? 0L : r.outputTokens());
    d.put("duration_ms", (System.nanoTime() - t0) / 1_000_000);
    if (attempt > 1) d.put("attempt", attempt);
    if (journalled) d.put("journalled", true);
    long attached = request.messages().stream().mapToLong(m -> m.attachments().size()).sum();
    if (attached > 0) d.put("attachments", attached);
    if (traceContent()) {
      d.put("messages", TracedContent.messages(request));
      if (r != null) d.put("answer", TracedContent.answer(r));
    }
    if (r != null && !journalled) {
      ModelPrices.of(config).ifPresent(p -> d.put("cost_usd", p.cost(r.inputTokens(), r.outputTokens())));
    }
    if (r != null) {
      if (r.finishReason() != null) d.put("finish_reason", r.finishReason());
      if (!r.toolCalls().isEmpty()) d.put("tool_calls", r.toolCalls().size());
    } else {
      d.put("error_kind", e.kind());
      d.put("error", e.getMessage());
    }
    ctx.event("model_call", d);
  }
}
