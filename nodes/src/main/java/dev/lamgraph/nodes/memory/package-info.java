/**
 * Long-term memory: the {@code memory:} section (a SQLite store opened on first use, local
 * all-MiniLM-L6-v2 embeddings) and the {@code type: memory} node ({@code store}, {@code recall}
 * by similarity, {@code forget} in a namespace; {@code trim} of a message list).
 */
package dev.lamgraph.nodes.memory;
