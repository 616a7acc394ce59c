package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.NodeResult;
import java.util.Map;

/**
 * How one node call ended under its {@link NodePolicy}: a result, a pause for input, or a failure
 * of some kind ({@code error}, {@code timeout}, {@code type_error}, {@link NodePolicy#RUN_TIMEOUT}...)
 * after {@code attempts} attempts.
 */
public sealed interface NodeOutcome permits NodeOutcome.Ok, NodeOutcome.Paused, NodeOutcome.Failed {
  /** The task's name: the node, or a map item such as {@code m[2]}. */
  String node();

  /** @param nanos how long the successful attempt took (0 when not measured) */
  record Ok(String node, NodeResult result, long nanos) implements NodeOutcome {}

  /** @param detail extra pause detail (e.g. the child thread of a subgraph that paused) */
  record Paused(String node, NodeResult.Interrupt interrupt, Map<String, Object> detail) implements NodeOutcome {}

  record Failed(String node, String kind, String message, int attempts) implements NodeOutcome {}
}
