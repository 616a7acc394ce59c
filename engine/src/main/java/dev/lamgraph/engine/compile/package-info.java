/**
 * Spec to immutable executable graph: channels with reducers, built nodes, routes. A compiled
 * node's body is a sealed {@link dev.lamgraph.engine.compile.NodeBody}: a plugin node ({@code
 * Task}) or a control body the executor runs itself ({@link dev.lamgraph.engine.compile.MapBody},
 * {@link dev.lamgraph.engine.compile.SubgraphBody}), built by the map and subgraph types.
 */
package dev.lamgraph.engine.compile;
