/** Spec to immutable executable graph: channels with reducers, built nodes, routes. */
package dev.lamgraph.engine.compile;
