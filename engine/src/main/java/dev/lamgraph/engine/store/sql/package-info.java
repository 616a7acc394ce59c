/**
 * What the SQL stores share: {@link dev.lamgraph.engine.store.sql.SqlRows} (threads, checkpoints
 * with their CRC-32C row checksum, and events as text columns; times as fixed-width UTC text) and
 * {@link dev.lamgraph.engine.store.sql.Migrations} (versioned schema, migrated once under the
 * store's lock). Used by {@code store.sqlite} and {@code store.postgres}, and by a plugin's SQL store.
 */
package dev.lamgraph.engine.store.sql;
