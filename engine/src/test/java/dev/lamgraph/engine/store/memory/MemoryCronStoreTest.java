package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CronStoreContract;
import java.nio.file.Path;

class MemoryCronStoreTest extends CronStoreContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return new MemoryStore();
  }

  @Override
  protected boolean durable() {
    return false;
  }
}
