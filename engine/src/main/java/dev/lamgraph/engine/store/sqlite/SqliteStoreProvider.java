package dev.lamgraph.engine.store.sqlite;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoreProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code sqlite:PATH} (and a bare path, which {@link dev.lamgraph.engine.store.Stores} hands over
 * as {@code sqlite:PATH}): a {@link SqliteStore} file, created with its directory when missing;
 * read-only for inspection ({@link SqliteStore#openReadOnly}).
 */
public final class SqliteStoreProvider implements StoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("sqlite");
  }

  @Override
  public String usage() {
    return "sqlite:PATH, a file path (SQLite)";
  }

  @Override
  public CheckpointStore open(String url, Map<String, String> env) {
    return SqliteStore.open(path(url));
  }

  @Override
  public CheckpointStore openForReading(String url, Map<String, String> env) {
    return SqliteStore.openReadOnly(path(url));
  }

  private static Path path(String url) {
    String path = url.substring(url.indexOf(':') + 1);
    if (path.isBlank()) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "store URL 'sqlite:' needs a file path,"
          + " e.g. sqlite:.lam/lam.db");
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new StoreException(StoreException.Reason.IO, "invalid store path '" + path + "': " + e.getReason(), e);
    }
  }
}
