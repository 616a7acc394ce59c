package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CronStoreContract;
import dev.lamgraph.engine.testing.PgServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The cron store contract on a real PostgreSQL server: one schema per test, the same schema when reopened. */
class PostgresCronStoreTest extends CronStoreContract {
  private static final Map<Path, String> SCHEMAS = new HashMap<>();

  @Override
  protected CheckpointStore newStore(Path dir) {
    PgServer pg = PgServer.shared();
    String schema = SCHEMAS.computeIfAbsent(dir, d -> pg.newSchema());
    return PostgresStore.open(pg.url(schema), Map.of());
  }
}
