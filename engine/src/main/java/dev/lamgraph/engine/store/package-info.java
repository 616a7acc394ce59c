/** Checkpoint stores: the {@link dev.lamgraph.engine.store.CheckpointStore} contract, memory and SQLite. */
package dev.lamgraph.engine.store;
