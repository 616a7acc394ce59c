package dev.lamgraph.nodes.memory.graph;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class SqliteGraphStoreTest extends GraphStoreContract {
  @TempDir Path dir;

  @Override
  GraphStore open() {
    return GraphStore.open(dir.resolve("memory.db").toString(), Map.of());
  }
}
