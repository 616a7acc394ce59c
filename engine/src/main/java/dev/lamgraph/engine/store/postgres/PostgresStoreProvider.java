package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreProvider;
import java.util.Map;
import java.util.Set;

/**
 * {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?params]} (or {@code postgres://}): a
 * {@link PostgresStore}, which is also a run queue for workers. Without a password in the URL,
 * {@code PGPASSWORD} from the environment given to {@link #open} is used (see {@link PgUrl}).
 */
public final class PostgresStoreProvider implements StoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("postgresql", "postgres");
  }

  @Override
  public String usage() {
    return "postgresql://USER@HOST:PORT/DB";
  }

  @Override
  public CheckpointStore open(String url, Map<String, String> env) {
    return PostgresStore.open(PgUrl.parse(url, env));
  }
}
