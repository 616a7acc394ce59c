package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CheckpointStoreContract;
import java.nio.file.Path;

class MemoryStoreTest extends CheckpointStoreContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return new MemoryStore();
  }

  @Override
  protected boolean durable() {
    return false;
  }
}
