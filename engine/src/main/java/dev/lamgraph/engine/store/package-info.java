/**
 * The checkpoint store contract: {@link dev.lamgraph.engine.store.CheckpointStore} with its records
 * ({@link dev.lamgraph.engine.store.ThreadInfo}, {@link dev.lamgraph.engine.store.Checkpoint},
 * {@link dev.lamgraph.engine.store.RunStatus}), the {@link dev.lamgraph.engine.store.RunQueue} that
 * workers share, {@link dev.lamgraph.engine.store.PruneRule pruning}, and {@link
 * dev.lamgraph.engine.store.Stores#open}, which opens a URL with the {@link
 * dev.lamgraph.engine.store.StoreProvider} of its scheme (found with ServiceLoader). Values are
 * exact; {@link dev.lamgraph.engine.store.SealedStore} composes every opened store and encrypts the
 * ones that hold a secret, with keys from {@link dev.lamgraph.engine.store.StoreKeys}.
 *
 * <p>The stores themselves live one per package and depend on this one, never the other way:
 * {@code store.sqlite}, {@code store.postgres}, {@code store.memory}; the two SQL stores share
 * {@code store.sql} (row mapping, checksums, the migration loop).
 */
package dev.lamgraph.engine.store;
