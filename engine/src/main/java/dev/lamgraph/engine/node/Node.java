package dev.lamgraph.engine.node;

import java.util.Set;

/**
 * A runnable node. {@link #run} reads a read-only state view and returns the updates to apply;
 * the executor applies them through the channels' reducers after every node of the step has
 * finished, checkpoints, then follows the edges. A node may be run again after a crash if its
 * step was not committed, and may run concurrently with other nodes of the same step: it must not
 * keep mutable state between runs.
 */
@FunctionalInterface
public interface Node {
  /**
   * Runs once. Throw to fail (the node's retry / on_error policy applies); return {@link
   * NodeResult#interrupt} to pause the run for a person.
   */
  NodeResult run(NodeContext ctx) throws Exception;

  /**
   * For a node that asks a person (a {@link NodeType#pauses pausing} type): the JSON Schema its
   * answer must satisfy, known before it runs, so an answer can be given ahead (resuming a fork
   * made just before it). Null when unknown.
   */
  default String answerSchema() {
    return null;
  }

  /** Channels this node may write, for static checks; empty when unknown. */
  default Set<String> writes() {
    return Set.of();
  }
}
