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
}
