package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoreProvider;
import java.util.Map;
import java.util.Set;

/** {@code memory:}: a new, empty {@link MemoryStore} at every open (nothing after the colon). */
public final class MemoryStoreProvider implements StoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public String usage() {
    return "memory:";
  }

  @Override
  public CheckpointStore open(String url, Map<String, String> env) {
    if (!url.substring(url.indexOf(':') + 1).isEmpty()) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "store URL 'memory:' takes nothing after the colon");
    }
    return new MemoryStore();
  }
}
