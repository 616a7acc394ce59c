package dev.lamgraph.engine.store;

class MemoryPruneTest extends PruneContract {
  @Override
  protected CheckpointStore newStore() {
    return new MemoryStore();
  }
}
