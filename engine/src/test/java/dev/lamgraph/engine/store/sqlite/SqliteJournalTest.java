package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalContract;
import java.nio.file.Path;

class SqliteJournalTest extends JournalContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return SqliteStore.open(dir.resolve("lam.db"));
  }
}
