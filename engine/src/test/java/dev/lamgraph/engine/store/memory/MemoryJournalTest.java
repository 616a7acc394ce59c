package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalContract;
import java.nio.file.Path;

class MemoryJournalTest extends JournalContract {
  @Override
  protected CheckpointStore newStore(Path dir) {
    return new MemoryStore();
  }

  @Override
  protected boolean durable() {
    return false;
  }
}
