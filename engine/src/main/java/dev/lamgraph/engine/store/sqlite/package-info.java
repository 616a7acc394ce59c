/**
 * The default store, {@code sqlite:PATH} (or a bare path): {@link
 * dev.lamgraph.engine.store.sqlite.SqliteStore}, one embedded SQLite file in WAL mode, opened by
 * {@link dev.lamgraph.engine.store.sqlite.SqliteStoreProvider}; read-only for inspection.
 */
package dev.lamgraph.engine.store.sqlite;
