package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneContract;

class MemoryPruneTest extends PruneContract {
  @Override
  protected CheckpointStore newStore() {
    return new MemoryStore();
  }
}
