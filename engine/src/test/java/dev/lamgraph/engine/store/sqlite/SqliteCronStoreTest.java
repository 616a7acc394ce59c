package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CronStoreContract;
import java.nio.file.Path;

class SqliteCronStoreTest extends CronStoreContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return SqliteStore.open(dir.resolve("lam.db"));
  }
}
