/** What all of the nodes module shares: its registry of diagnostic codes ({@link dev.lamgraph.nodes.NodesCodes}). */
package dev.lamgraph.nodes;
