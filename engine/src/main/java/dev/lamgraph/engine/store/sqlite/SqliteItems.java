package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.sql.SqlItems;

/** The SQLite store's long-term items ({@link SqlItems} on table {@code store_items}), on the store's connection, for {@link SqliteStore}. */
final class SqliteItems {
  private SqliteItems() {}

  static SqlItems of(SqliteDb db) {
    return new SqlItems("store_items", runner(db));
  }

  /** Transactions on the store's connection (also for the store's crons). */
  static SqlItems.Runner runner(SqliteDb db) {
    return new SqlItems.Runner() {
      @Override
      public <T> T write(String doing, SqlItems.Work<T> work) {
        return db.write(doing, () -> work.run(db::ps));
      }

      @Override
      public <T> T read(String doing, SqlItems.Work<T> work) {
        return db.read(doing, () -> work.run(db::ps));
      }
    };
  }
}
