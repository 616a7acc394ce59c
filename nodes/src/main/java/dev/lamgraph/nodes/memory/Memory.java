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

  /** Stores (or replaces) a record. */
  void store(String namespace, String id, String text, Map<String, Object> metadata);

  /** The {@code k} most similar records with a score of at least {@code minScore}, best first. */
  List<Hit> recall(String namespace, String query, int k, double minScore);

  /** Removes one record (id non-null) or a whole namespace (id null); returns how many were removed. */
  int forget(String namespace, String id);

  /** How many records a namespace holds. */
  int count(String namespace);

  @Override
  void close();
}
