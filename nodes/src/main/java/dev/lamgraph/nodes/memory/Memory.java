package dev.lamgraph.nodes.memory;

import java.util.List;
import java.util.Map;

/**
 * Long-term memory: texts with metadata, by namespace, found again by similarity. Writes are
 * idempotent by id (a re-run step upserts the same record), so resuming a run never duplicates
 * memories.
 *
 * <pre>{@code
 * memory.store("vendors", "acme", "ACME Corp, invoices monthly", Map.of("vendor", "ACME"));
 * List<Memory.Hit> hits = memory.recall("vendors", "who invoices monthly?", 3, 0.2);
 * }</pre>
 */
public interface Memory extends AutoCloseable {
  /** One recalled record with its cosine similarity to the query (-1..1). */
  record Hit(String id, String text, Map<String, Object> metadata, double score) {
    public Map<String, Object> asMap() {
      return Map.of("id", id, "text", text, "metadata", metadata, "score", Math.round(score * 10000) / 10000.0);
    }
  }

  /** A record to store. */
  record Item(String id, String text, Map<String, Object> metadata) {}

  /**
   * How recall ranks: {@code VECTOR} approximate nearest neighbours (HNSW index; score = cosine),
   * {@code KEYWORD} BM25 over the text (score = BM25), {@code HYBRID} both fused by reciprocal rank
   * (score = fused), {@code EXACT} a scan of every vector (score = cosine; the original behaviour).
   */
  enum Search { VECTOR, KEYWORD, HYBRID, EXACT }

  /**
   * A recall: the query text, how many hits, the lowest cosine kept (vector and exact), the
   * ranking, and a metadata filter (key -> any of these values, as text).
   */
  record Query(String text, int k, double minScore, Search search, Map<String, List<String>> filter) {
    public Query {
      filter = filter == null ? Map.of() : filter;
    }
  }

  /** Stores (or replaces) a record. */
  default void store(String namespace, String id, String text, Map<String, Object> metadata) {
    storeAll(namespace, List.of(new Item(id, text, metadata)));
  }

  /** Stores (or replaces) records in one transaction. */
  void storeAll(String namespace, List<Item> items);

  /** The {@code k} most similar records with a score of at least {@code minScore}, best first (vector search). */
  default List<Hit> recall(String namespace, String query, int k, double minScore) {
    return recall(namespace, new Query(query, k, minScore, Search.VECTOR, Map.of()));
  }

  /** The best {@code query.k()} records by the query's ranking and filter, best first. */
  List<Hit> recall(String namespace, Query query);

  /** The ingested documents of a namespace: source path -> content hash. */
  Map<String, String> documents(String namespace);

  /**
   * Replaces a document's chunks (ids {@code source#0..n-1}) and records its hash; with
   * {@code items} null, removes the document and its chunks.
   */
  void putDocument(String namespace, String source, String hash, List<Item> items);

  /** Removes one record (id non-null) or a whole namespace (id null); returns how many were removed. */
  int forget(String namespace, String id);

  /** Makes writes whose index update was deferred ({@link #putDocument}) durable in the index too. */
  default void flush() {}

  /** How many records a namespace holds. */
  int count(String namespace);

  @Override
  void close();
}
