package org.example.teststore;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoreProvider;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
    return new Named("test-mem:" + name, STORES.computeIfAbsent(name, n -> new MemoryStore()));
  }

  /** The named data, under its own location; closing it keeps the data for the next open. */
  private record Named(String location, MemoryStore data) implements CheckpointStore {
    @Override
    public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
      data.create(thread, initial, events);
    }

    @Override
    public Optional<ThreadInfo> thread(String id) {
      return data.thread(id);
    }

    @Override
    public List<ThreadInfo> threads() {
      return data.threads();
    }

    @Override
    public void claim(String threadId, String owner, Predicate<String> ownerAlive) {
      data.claim(threadId, owner, ownerAlive);
    }

    @Override
    public void release(String threadId, String owner) {
      data.release(threadId, owner);
    }

    @Override
    public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
      data.commit(threadId, owner, checkpoint, events);
    }

    @Override
    public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
      data.setStatus(threadId, status, detailJson, events);
    }

    @Override
    public List<Checkpoint> checkpoints(String threadId, long from, long to) {
      return data.checkpoints(threadId, from, to);
    }

    @Override
    public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
      return data.snapshotAtOrBefore(threadId, step);
    }

    @Override
    public List<TraceEvent> events(String threadId) {
      return data.events(threadId);
    }

    @Override
    public boolean delete(String threadId) {
      return data.delete(threadId);
    }

    @Override
    public PruneRule.Result prune(PruneRule rule) {
      return data.prune(rule);
    }

    @Override
    public void close() {}
  }
}
