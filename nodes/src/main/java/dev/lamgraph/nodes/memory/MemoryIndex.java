package dev.lamgraph.nodes.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index of a {@link SqliteMemory}, kept in a directory next to the SQLite file. The
 * store stays the source of truth: each write commits to SQLite first (bumping its generation),
 * then to the index with that generation; an index whose generation differs when opened (new,
 * interrupted, or written by an older lamgraph) is rebuilt from the store, and so is one that
 * falls behind while open (another process wrote to the store). When another process or another
 * open store holds the index (Lucene's write lock), this one searches by scanning, as the store
 * always did.
 *
 * <pre>{@code
 * MemoryIndex ix = new MemoryIndex(Path.of("memory.db.index"), store);
 * List<VectorIndex.Scored> top = ix.search("docs", query, unitVector);
 * }</pre>
 */
final class MemoryIndex implements AutoCloseable {
  /** Candidates explored by an HNSW search (Lucene's k; at least the hits asked for). */
  static final int EF_SEARCH = 100;

  /** Receives stored records when the index is rebuilt. */
  interface RecordSink {
    void accept(String namespace, String id, String text, Map<String, Object> metadata, float[] unit);
  }

  /** A change applied to the index. */
  interface Change {
    void apply(VectorIndex ix) throws IOException;
  }

  private final Path dir;
  private final SqliteMemory store;
  private VectorIndex index;
  private String state;
  /** The store generation the index reflects. */
  private long synced = -1;
  /** Changes applied but not yet committed to the index files. */
  private boolean pending;

  MemoryIndex(Path dir, SqliteMemory store) {
    this.dir = dir;
    this.store = store;
    try {
      Files.createDirectories(dir);
      index = VectorIndex.open(dir);
      state = "index " + dir;
      long gen = store.generation();
      synced = index.generation();
      if (synced != gen) rebuild(gen);
    } catch (LockObtainFailedException e) {
      drop("index " + dir + " is in use by another process; searching by scan");
    } catch (IOException | RuntimeException e) {
      drop("index " + dir + " cannot be used (" + e.getMessage() + "); searching by scan");
    }
  }

  String state() {
    return state;
  }

  boolean usable() {
    return index != null;
  }

  /** Applies a change already committed to the store at generation {@code gen}, and commits it. */
  void apply(long gen, Change change) {
    apply(gen, change, true);
  }

  /**
   * Applies a change already committed to the store at generation {@code gen}; searches see it at
   * once, the index files only after a commit ({@code durable}, or {@link #flush()}): a crash before
   * that leaves an older generation on disk, which the next open rebuilds.
   */
  void apply(long gen, Change change, boolean durable) {
    if (index == null) return;
    try {
      if (gen != synced + 1) { // another process wrote to the store meanwhile: catch up on everything
        rebuild(gen);
        return;
      }
      change.apply(index);
      synced = gen;
      pending = !durable;
      if (durable) index.commit(gen);
    } catch (IOException | RuntimeException e) {
      drop("index " + dir + " failed (" + e.getMessage() + "); searching by scan, rebuilt when next opened");
    }
  }

  /** Ranked ids: HNSW for vector search, BM25 for keywords, both fused for hybrid ({@code unit} null for keyword). */
  List<VectorIndex.Scored> search(String ns, Memory.Query q, float[] unit) {
    try {
      long gen = store.generation();
      if (gen != synced) rebuild(gen); // written by another process since
      return switch (q.search()) {
        case KEYWORD -> index.bm25(ns, q.text(), q.k(), q.filter());
        case HYBRID -> {
          int n = Math.max(50, 4 * q.k());
          yield Filters.fuse(List.of(index.knn(ns, unit, n, n, q.filter()), index.bm25(ns, q.text(), n, q.filter())), q.k());
        }
        default -> index.knn(ns, unit, q.k(), EF_SEARCH, q.filter());
      };
    } catch (IOException e) {
      throw new IllegalStateException("memory index " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Commits changes applied without a commit. */
  void flush() {
    if (index == null || !pending) return;
    try {
      index.commit(synced);
      pending = false;
    } catch (IOException | RuntimeException e) {
      drop("index " + dir + " failed (" + e.getMessage() + "); searching by scan, rebuilt when next opened");
    }
  }

  private void rebuild(long gen) throws IOException {
    index.deleteAll();
    IOException[] failed = {null};
    store.forEachRecord((ns, id, text, meta, unit) -> {
      if (failed[0] != null) return;
      try {
        index.upsert(ns, id, text, unit, meta);
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) throw failed[0];
    index.commit(gen);
    synced = gen;
    pending = false;
  }

  private void drop(String why) {
    state = why;
    if (index != null) {
      try {
        index.close();
      } catch (RuntimeException e) {
        // already failing; the scan takes over
      }
    }
    index = null;
  }

  @Override
  public void close() {
    flush();
    if (index != null) index.close();
    index = null;
  }
}
