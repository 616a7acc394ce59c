/**
 * Immutable records of a workflow as written, with source positions, and the YAML view they hold
 * ({@link dev.lamgraph.engine.spec.YNode}). Node types read them (a node's {@code NodeSpec}, the
 * declared channels), so they belong to the node SPI's contract; they use no other engine
 * package.
 */
package dev.lamgraph.engine.spec;
