package dev.lamgraph.engine.node;

/**
 * A capability a {@link Node} declares: it can pause the run for a person's answer (as {@code
 * type: human} does, by returning {@link NodeResult#interrupt}) and writes that answer to one
 * channel. The engine reads it instead of testing node types by name: a graph holding such a node
 * may pause, a map cannot run one, and {@code lam resume} dry-runs an answer through the
 * channel's reducer (type checks) before accepting it.
 *
 * <pre>{@code
 * record Ask(String output) implements PausingNode {
 *   public NodeResult run(NodeContext c) {
 *     return c.resumeValue().map(a -> NodeResult.of(Map.of(output, a)))
 *         .orElseGet(() -> NodeResult.interrupt("Proceed?", "{\"type\":\"boolean\"}"));
 *   }
 *   public String answerChannel() { return output; }
 * }
 * }</pre>
 */
public interface PausingNode extends Node {
  /** The channel the person's answer is written to. */
  String answerChannel();
}
