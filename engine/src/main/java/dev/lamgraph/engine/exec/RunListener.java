package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import java.util.List;
import java.util.Map;

/** Live progress of a run (the CLI prints one line per step from it). All methods are optional. */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  /**
   * Step {@code step} is about to run {@code nodes} (its tasks) on {@code state}, the state
   * committed at step {@code step - 1} (read-only, and changed once the step's writes apply: copy
   * what you keep); each task ends in {@link #nodeDone}, a failure, a pause, or the run stopping.
   */
  default void stepStarted(long step, List<String> nodes, Map<String, Object> state) {}

  /** A node finished within step {@code step}. */
  default void nodeDone(long step, String node, long nanos, Map<String, Object> updates) {}

  /** A node failed an attempt; {@code willRetry} tells whether another attempt follows. */
  default void nodeFailed(long step, String node, int attempt, String message, boolean willRetry) {}

  /**
   * A state edit made between steps ({@code __human__} on resume, {@code __fork__} when forking)
   * is about to be committed as step {@code step}; {@link #stepCommitted} follows once it is.
   */
  default void stateEdited(long step, String by, Map<String, Object> updates) {}

  /**
   * Whether this listener wants what running nodes emit of {@code kind} ({@code messages}, {@code
   * custom}; {@link #nodeEmitted}); false by default, and then nodes skip the work of emitting (a
   * model is called without streaming).
   */
  default boolean wantsEmits(String kind) {
    return false;
  }

  /**
   * Live output of a running node ({@link dev.lamgraph.engine.node.NodeContext#emit}), before its
   * step commits: {@code kind} {@code messages} (a model's partial answer) or {@code custom}. Never
   * stored, never part of the state, not replayed on resume; secrets already masked. Called on
   * the node's thread: return quickly.
   */
  default void nodeEmitted(long step, String node, String kind, Object payload) {}

  /** Step {@code step} was committed; {@code next} are the nodes of the next step. */
  default void stepCommitted(long step, List<String> next, long checkpointBytes) {}

  /**
   * The listener of the child thread {@code childThread} that subgraph node {@code node} runs in
   * step {@code step} of this run, on workflow {@code child}. By default the child's steps are its
   * own and this listener hears only its failed attempts and live output, as {@code NODE/CHILD-NODE}
   * at step {@code step}; a listener that follows the child's steps too (a server streaming
   * subgraphs) returns its own.
   */
  default RunListener forChild(String node, long step, String childThread, CompiledGraph child) {
    return SubgraphRunner.nested(this, node, step);
  }
}
