/**
 * {@code postgresql://...}: {@link dev.lamgraph.engine.store.postgres.PostgresStore}, a store shared
 * by processes and workers (it is also the {@link dev.lamgraph.engine.store.RunQueue}), opened by
 * {@link dev.lamgraph.engine.store.postgres.PostgresStoreProvider} from a {@link
 * dev.lamgraph.engine.store.postgres.PgUrl}.
 */
package dev.lamgraph.engine.store.postgres;
