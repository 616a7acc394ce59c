/**
 * Checkpoint stores: the {@link dev.lamgraph.engine.store.CheckpointStore} contract with memory,
 * SQLite and PostgreSQL implementations ({@link dev.lamgraph.engine.store.Stores#open} picks one
 * from a URL), the {@link dev.lamgraph.engine.store.RunQueue} that workers share (PostgreSQL), and
 * {@link dev.lamgraph.engine.store.PruneRule pruning} of old checkpoints.
 */
package dev.lamgraph.engine.store;
