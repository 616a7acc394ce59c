/**
 * The node types the engine ships itself, found through the same ServiceLoader SPI as plugins:
 * {@code set} (CEL expressions written to channels) and {@code human} (pause the run for a
 * person's answer, checked against a JSON Schema on resume).
 */
package dev.lamgraph.engine.node.builtin;
