package dev.lamgraph.nodes.model;

/**
 * One way to get an answer for a request: a real provider (through langchain4j), a replay file, or
 * a recorder around a real provider. Implementations must be safe to call from several nodes at once.
 *
 * <pre>{@code
 * ChatClient c = req -> new ModelResponse("ok", List.of(), 1, 1, "stop");  // a scripted fake
 * }</pre>
 */
@FunctionalInterface
public interface ChatClient {
  /** Answers once (no retries: the caller retries). */
  ModelResponse chat(ModelRequest request) throws ModelException;

  /**
   * Answers once, giving the answer's text to {@code tokens} piece by piece as it arrives (in
   * order; the pieces joined are the answer's text, secrets masked); the response is what {@link
   * #chat} would give. {@link Model} calls it only when someone listens to the node's messages. By
   * default the whole text is one piece, after {@link #chat}: a client that cannot stream (a
   * replay file, a plugin) still works.
   */
  default ModelResponse stream(ModelRequest request, java.util.function.Consumer<String> tokens) throws ModelException {
    ModelResponse r = chat(request);
    if (r.text() != null && !r.text().isEmpty()) tokens.accept(r.text());
    return r;
  }
}
