/**
 * The {@code type: tool} node: runs a fixed tool call or the next step of a plan in state, and
 * writes the observation (failures included) to a channel the graph can route on.
 */
package dev.lamgraph.nodes.toolnode;
