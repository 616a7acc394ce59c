/** Immutable records of a workflow as written, with source positions. */
package dev.lamgraph.engine.spec;
