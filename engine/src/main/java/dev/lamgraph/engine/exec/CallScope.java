package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.trace.TraceEvent;
import java.util.Map;
import java.util.Optional;

/**
 * What the node calls of one step share, as {@link NodePolicy} and {@link CallContext} see it:
 * the thread, the step, the run's input and deadline, the answers given on resume, and where
 * events go. Each executor has one ({@code StepScope} here, {@code lg4j.RunScope} there); the
 * policy's own events ({@code node_started}, {@code node_retry}, {@code node_failed}) and failed
 * attempts are reported through {@link #trace} and {@link #attemptFailed}, which a backend that
 * does not record them leaves as they are.
 */
public interface CallScope {
  String threadId();

  /** The 1-based number of the step being computed. */
  long step();

  /** The run's input, read-only. */
  Map<String, Object> input();

  /** The run's deadline: every call waits at most {@code min(node timeout, remaining)}. */
  RunDeadline deadline();

  /** The answer given on resume to the task {@code node}, if any. */
  Optional<Object> resumeValue(String node);

  /** An event a node records itself ({@link dev.lamgraph.engine.node.NodeContext#event}). */
  void nodeEvent(long step, String node, String kind, Map<String, Object> attributes);

  /** Whether the run's listener wants nodes' live output of {@code kind} ({@link RunListener#wantsEmits}). */
  default boolean listening(String kind) {
    return false;
  }

  /** Live output of task {@code node} ({@link dev.lamgraph.engine.node.NodeContext#emit}), masked, to the run's listener. */
  default void emit(long step, String node, String kind, Object payload) {}

  /** An event of the executor about task {@code node} in this step (attempts, retries, item results). */
  default void trace(TraceEvent.Kind kind, String node, Map<String, Object> data) {}

  /**
   * Call number {@code call} of attempt {@code attempt} of task {@code node} in step {@code step},
   * through the thread's journal ({@link dev.lamgraph.engine.node.NodeContext#once}); a scope
   * without one just calls.
   */
  default String once(long step, String node, int attempt, int call, String kind, java.util.function.Supplier<String> run) {
    return run.get();
  }

  /** Stand-ins for outside calls given to the run ({@link RunOptions#stubs()}); none by default. */
  default dev.lamgraph.engine.node.CallStubs stubs() {
    return dev.lamgraph.engine.node.CallStubs.NONE;
  }

  /** Attempt {@code attempt} of {@code node} failed; {@code willRetry} when another follows. */
  default void attemptFailed(String node, int attempt, String message, boolean willRetry) {}
}
