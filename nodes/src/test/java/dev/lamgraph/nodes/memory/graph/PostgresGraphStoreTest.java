package dev.lamgraph.nodes.memory.graph;

import dev.lamgraph.engine.testing.PgServer;
import java.util.Map;

/** The contract on a real PostgreSQL server (started by the test, a schema of its own per test). */
class PostgresGraphStoreTest extends GraphStoreContract {
  @Override
  GraphStore open() {
    PgServer pg = PgServer.shared();
    return GraphStore.open(pg.url(pg.newSchema()), Map.of());
  }
}
