package org.example.teststore;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoreProvider;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checkpoint store from outside lamgraph's modules, to show that adding one is this class plus
 * one line in {@code META-INF/services/dev.lamgraph.engine.store.StoreProvider}: {@code
 * test-mem:NAME} is a store kept in this JVM under NAME, so every open of the same name (one
 * {@code lam} command after another, in one test) sees the same threads. Its data lives in a
 * {@link MemoryStore}; this class only names it and counts opens.
 *
 * <pre>{@code
 * lam run flow.yaml --store test-mem:a && lam runs --store test-mem:a
 * }</pre>
 */
public final class NamedMemoryStores implements StoreProvider {
  private static final Map<String, MemoryStore> STORES = new ConcurrentHashMap<>();
  private static final AtomicInteger OPENS = new AtomicInteger();

  /** How many times a {@code test-mem:} store was opened in this JVM. */
  public static int opens() {
    return OPENS.get();
  }

  /** The data kept under {@code name} (made on first use), for another test provider over the same threads. */
  static MemoryStore data(String name) {
    return STORES.computeIfAbsent(name, n -> new MemoryStore());
  }

  @Override
  public Set<String> schemes() {
    return Set.of("test-mem");
  }

  @Override
  public String usage() {
    return "test-mem:NAME";
  }

  @Override
  public CheckpointStore open(String url, Map<String, String> env) {
    String name = url.substring(url.indexOf(':') + 1);
    if (name.isBlank()) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "store URL 'test-mem:' needs a name, e.g. test-mem:a");
    }
    OPENS.incrementAndGet();
    return new Named("test-mem:" + name, data(name));
  }

  /** The named data, under its own location; closing it keeps the data for the next open. */
  static class Named extends ForwardingStore {
    private final String location;

    Named(String location, MemoryStore data) {
      super(data);
      this.location = location;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void close() {}
  }
}
