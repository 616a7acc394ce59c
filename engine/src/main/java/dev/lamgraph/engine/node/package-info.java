/**
 * The node SPI: {@link dev.lamgraph.engine.node.NodeType} (found with ServiceLoader) builds a
 * {@link dev.lamgraph.engine.node.Node} from its YAML; a node reads state and returns updates, or
 * an interrupt for a person. Retries, timeouts, parallelism and checkpoints are the executor's job.
 */
package dev.lamgraph.engine.node;
