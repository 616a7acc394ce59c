package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ItemStoreContract;
import java.nio.file.Path;

class MemoryItemStoreTest extends ItemStoreContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return new MemoryStore();
  }

  @Override
  protected boolean durable() {
    return false;
  }
}
