package dev.lamgraph.engine.exec;

/**
 * A run ended by an engine bug (an unchecked exception from the engine, not a node's failure):
 * {@link Runs#start} and {@link Runs#resume} fail the thread as {@link #KIND} while they still
 * hold it, release it, then throw this, so no thread is left running with no owner.
 * {@link #getCause()} is the engine's exception.
 *
 * <pre>{@code
 * try {
 *   runs.resume(graph, id, Map.of());
 * } catch (EngineFailure e) {
 *   System.err.println(e.getMessage());   // thread 'id' failed (engine_error): IllegalStateException: ...
 * }
 * }</pre>
 */
public final class EngineFailure extends RuntimeException {
  /** The run-level failure kind of a thread failed this way. */
  public static final String KIND = "engine_error";

  private final String threadId;

  EngineFailure(String threadId, String message, RuntimeException cause) {
    super(message, cause);
    this.threadId = threadId;
  }

  /** The thread that was failed. */
  public String threadId() {
    return threadId;
  }
}
