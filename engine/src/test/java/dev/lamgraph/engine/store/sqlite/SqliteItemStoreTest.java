package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ItemStoreContract;
import java.nio.file.Path;

class SqliteItemStoreTest extends ItemStoreContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return SqliteStore.open(dir.resolve("lam.db"));
  }
}
