package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.util.StreamMask;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One streamed request through a langchain4j {@link StreamingChatModel}: partial texts go to the
 * consumer as they arrive, masked with a {@link StreamMask} (a secret split across pieces is held
 * back and masked whole), and the caller waits for the complete response, converted and failed
 * exactly as {@link Lc4jClient#chat} does. The model's {@code timeout} bounds the wait for each
 * piece (a stream that goes quiet that long fails with kind {@code timeout}, like a blocking call
 * that gets no answer); an interrupt (the node's timeout, a cancelled run) cancels the stream and
 * fails with kind {@code timeout} too. A stream that ends without a finish reason was cut: kind
 * {@code bad_response}, as a blocking call's truncated answer.
 */
final class Lc4jStream {
  private Lc4jStream() {}

  static ModelResponse run(Lc4jClient client, StreamingChatModel model, ModelRequest request, Consumer<String> tokens,
      Redactor secrets, java.time.Duration idle) throws ModelException {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    StreamMask mask = new StreamMask(secrets);
    java.util.concurrent.atomic.AtomicReference<StreamingHandle> handle = new java.util.concurrent.atomic.AtomicReference<>();
    StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle.set(context.streamingHandle());
        last.set(System.nanoTime());
        if (done.isDone()) return;
        String safe = mask.push(partial.text());
        if (!safe.isEmpty()) tokens.accept(safe);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    };
    try {
      model.chat(Lc4jClient.request(request), handler);
    } catch (RuntimeException e) {
      throw client.failure(e);
    }
    ChatResponse r;
    try {
      r = await(done, last, idle);
    } catch (java.util.concurrent.TimeoutException e) {
      done.cancel(false);
      if (handle.get() != null) handle.get().cancel();
      throw client.failure(new dev.langchain4j.exception.TimeoutException("no piece of the answer for " + idle.toMillis() + " ms"));
    } catch (InterruptedException e) {
      done.cancel(false);
      if (handle.get() != null) handle.get().cancel();
      Thread.currentThread().interrupt();
      throw client.interrupted();
    } catch (ExecutionException e) {
      throw client.failure(e.getCause() == null ? e : e.getCause());
    }
    if (r == null || r.finishReason() == null) { // no finish reason: the stream was cut (no [DONE], no done: true)
      throw client.failure(new IllegalStateException("the stream ended before the answer did (no finish reason)"));
    }
    String rest = mask.flush();
    if (!rest.isEmpty()) tokens.accept(rest);
    return Lc4jClient.response(r);
  }

  /** Waits for the response while pieces keep coming: at most {@code idle} without one. */
  private static ChatResponse await(CompletableFuture<ChatResponse> done, java.util.concurrent.atomic.AtomicLong last,
      java.time.Duration idle) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    while (true) {
      long left = last.get() + idle.toNanos() - System.nanoTime();
      if (left <= 0) throw new java.util.concurrent.TimeoutException();
      try {
        return done.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // a piece may have come meanwhile: look again
      }
    }
  }
}
