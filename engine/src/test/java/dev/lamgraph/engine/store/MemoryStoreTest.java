package dev.lamgraph.engine.store;

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
