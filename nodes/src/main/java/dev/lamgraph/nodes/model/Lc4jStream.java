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
 * exactly as {@link Lc4jClient#chat} does. An interrupt (the node's timeout, a cancelled run)
 * cancels the stream and fails with kind {@code timeout}.
 */
final class Lc4jStream {
  private Lc4jStream() {}

  static ModelResponse run(Lc4jClient client, StreamingChatModel model, ModelRequest request, Consumer<String> tokens,
      Redactor secrets) throws ModelException {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StreamMask mask = new StreamMask(secrets);
    java.util.concurrent.atomic.AtomicReference<StreamingHandle> handle = new java.util.concurrent.atomic.AtomicReference<>();
    StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle.set(context.streamingHandle());
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
      r = done.get();
    } catch (InterruptedException e) {
      done.cancel(false);
      if (handle.get() != null) handle.get().cancel();
      Thread.currentThread().interrupt();
      throw client.interrupted();
    } catch (ExecutionException e) {
      throw client.failure(e.getCause() == null ? e : e.getCause());
    }
    String rest = mask.flush();
    if (!rest.isEmpty()) tokens.accept(rest);
    return Lc4jClient.response(r);
  }
}
