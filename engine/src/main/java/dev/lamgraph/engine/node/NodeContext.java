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
   * {@code THREAD:STEP:NODE:ATTEMPT}, for connectors that support idempotent requests (e.g. an
   * {@code Idempotency-Key} HTTP header). What it guarantees:
   *
   * <ul>
   *   <li>A step whose checkpoint was committed never runs again, so its keys are never reused.
   *   <li>A step that was not committed (the process died, or a sibling node paused the run) runs
   *       again under the same step number, its attempts counted from 1 again: each attempt gets
   *       the same key it had before, so a service that remembers keys can return the first
   *       result instead of acting twice. (A node that succeeded in a step paused by a sibling is
   *       not run again at all: its updates are kept with the pause.)
   *   <li>Keys differ across retries (the attempt) and across forks (a fork is a new thread).
   *   <li>A map item's node is {@code MAP[i]}; a subgraph's nodes have the child thread
   *       {@code PARENT/NODE@STEP}, itself stable across crashes.
   * </ul>
   *
   * A call made just before a crash, whose result the node never returned, cannot be told apart
   * by the engine from one never made: only the key lets the service tell.
   */
  default String idempotencyKey() {
    return threadId() + ":" + step() + ":" + nodeName() + ":" + attempt();
  }

  /**
   * Records a trace event of this node (e.g. {@code tool_call}, {@code model_call}); secrets in
   * attribute values are redacted before anything is stored.
   */
  void event(String kind, Map<String, Object> attributes);

  /**
   * Makes a call with effects outside the run (a tool call, a model request) through the thread's
   * journal, and returns its result as JSON. The executor numbers the calls of each attempt (1, 2,
   * ...) and keys each by thread, step, node (a map item's own name), attempt and that number:
   * when the step runs again after a crash, a call whose result was journalled returns that result
   * without calling; otherwise {@code call} runs and its result is journalled as soon as it
   * returns. A call that throws is not journalled. Calls must be made in the same order each time
   * (one after another, or numbered before they are run in parallel).
   *
   * <p>In a replay ({@code lam replay}) nothing is called: the result comes from the original
   * thread's journal, and a call it has no result for throws {@link NotRecordedException}. Without
   * a journal (the default, and the lg4j backend) {@code call} just runs.
   *
   * <pre>{@code
   * String json = ctx.once("tool", () -> Json.write(runTool(args)));
   * }</pre>
   */
  default String once(String kind, java.util.function.Supplier<String> call) {
    return call.get();
  }

  /**
   * Whether someone listens to what this node emits of {@code kind} ({@code messages} or {@code
   * custom}); false unless the run's listener asks (a {@code lam serve} stream with that mode).
   * A node checks it before doing extra work to emit, e.g. calling a model in streaming mode.
   */
  default boolean listening(String kind) {
    return false;
  }

  /**
   * Sends live output to the run's listener while the node runs: {@code messages} (a model's
   * partial answer: {@code {content, id, ...}}) or {@code custom} (anything JSON-like). It is never
   * stored nor part of the state or the journal, secrets are masked before it leaves, and it does
   * nothing when nobody listens. What the node returns stays the only result.
   */
  default void emit(String kind, Object payload) {}

  /** True once the node's timeout has passed or the run is being cancelled. */
  boolean cancelled();

  /** Stand-ins for outside calls given to this run (a test's tool and model stubs); none by default. */
  default CallStubs stubs() {
    return CallStubs.NONE;
  }
}
