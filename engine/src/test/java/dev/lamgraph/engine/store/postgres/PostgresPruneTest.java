package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneContract;
import dev.lamgraph.engine.testing.PgServer;
import java.util.Map;

class PostgresPruneTest extends PruneContract {
  @Override
  protected CheckpointStore newStore() {
    PgServer pg = PgServer.shared();
    return PostgresStore.open(pg.url(pg.newSchema()), Map.of());
  }
}
