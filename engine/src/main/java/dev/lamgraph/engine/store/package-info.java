/**
 * Checkpoint stores: the {@link dev.lamgraph.engine.store.CheckpointStore} contract with memory,
 * SQLite and PostgreSQL implementations ({@link dev.lamgraph.engine.store.Stores#open} picks one
 * from a URL), the {@link dev.lamgraph.engine.store.RunQueue} that workers share (PostgreSQL), and
 * {@link dev.lamgraph.engine.store.PruneRule pruning} of old checkpoints. Values are exact;
 * {@link dev.lamgraph.engine.store.SealedStore} encrypts the ones that hold a secret, with keys from
 * {@link dev.lamgraph.engine.store.StoreKeys}.
 */
package dev.lamgraph.engine.store;
