package dev.lamgraph.engine.node;

import java.util.Map;
import java.util.Optional;

/**
 * What a running node sees: a read-only view of the state, the run's input, where it is in the
 * run, and a way to record trace events (tool calls, model calls) with the step.
 */
public interface NodeContext {
  String threadId();

  String nodeName();

  /** The 1-based number of the step being computed. */
  long step();

  /** The 1-based attempt (greater than 1 when retried). */
  int attempt();

  /** Read-only view of the state; do not keep it after {@link Node#run} returns. */
  Map<String, Object> state();

  /** The run's input (from {@code --input} / {@code --input-file}). */
  Map<String, Object> input();

  /** The answer given to this node's interrupt, when the run was resumed with one. */
  Optional<Object> resumeValue();

  /**
   * A key unique to this thread, step, node and attempt, for connectors that support idempotent
   * requests (e.g. an {@code Idempotency-Key} HTTP header).
   */
  default String idempotencyKey() {
    return threadId() + ":" + step() + ":" + nodeName() + ":" + attempt();
  }

  /**
   * Records a trace event of this node (e.g. {@code tool_call}, {@code model_call}); secrets in
   * attribute values are redacted before anything is stored.
   */
  void event(String kind, Map<String, Object> attributes);

  /** True once the node's timeout has passed or the run is being cancelled. */
  boolean cancelled();
}
