package dev.lamgraph.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store's long-term items: JSON objects by namespace and key, kept across threads and runs (the
 * LangGraph Server's {@code /store} API over {@code lam serve}). Each store keeps them next to its
 * threads: SQLite in the same file (table {@code store_items}), PostgreSQL in the same schema
 * ({@code lam_store_items}), {@code memory:} in memory. Expired items are invisible and removed on
 * the next write. Matching values (filters, text queries) is the caller's: a store only selects by
 * namespace.
 *
 * <pre>{@code
 * ItemStore items = store.items();
 * Instant now = Instant.now();
 * items.put(List.of("users", "u1"), "prefs", "{\"theme\":\"dark\"}", null, now);
 * items.get(List.of("users", "u1"), "prefs", now).map(StoreItem::valueJson);   // {"theme":"dark"}
 * items.under(List.of("users"), now);                                           // every item of users.*
 * items.page(List.of("users"), now, null, 32);                                  // the first 32 of them
 * }</pre>
 */
public interface ItemStore {
  /**
   * Writes an item (a new one, or a new value for an existing one, whose creation time is kept
   * unless it had expired); {@code ttl} null keeps it until deleted, else it expires {@code ttl}
   * after {@code now}.
   */
  void put(List<String> namespace, String key, String valueJson, java.time.Duration ttl, Instant now);

  /** The item, if there is one visible at {@code now}. */
  Optional<StoreItem> get(List<String> namespace, String key, Instant now);

  /** Deletes the item; false when there was none. */
  boolean delete(List<String> namespace, String key);

  /**
   * The items visible at {@code now} whose namespace starts with {@code prefix} (all of them for an
   * empty prefix), ordered by namespace path then key.
   */
  List<StoreItem> under(List<String> prefix, Instant now);

  /**
   * A page of what {@link #under} selects, in the same order: at most {@code max} items, those
   * after {@code after} (the last item of the previous page, or null for the first page); an empty
   * page is the end. A caller walks any number of items this way holding one page at a time (each
   * page is read on its own, so items written between pages may or may not be seen).
   */
  List<StoreItem> page(List<String> prefix, Instant now, StoreItem after, int max);

  /** The namespaces that hold an item visible at {@code now}, ordered by path. */
  List<List<String>> namespaces(Instant now);

  /** Sets when an item expires (a read that refreshes its ttl); false when there is no such item. */
  boolean expireAt(List<String> namespace, String key, Instant expiresAt);

  /** A namespace's stored form: its labels joined with {@code '.'}. */
  static String path(List<String> namespace) {
    return String.join(".", namespace);
  }

  /** The labels of a stored namespace path (the empty path has none). */
  static List<String> labels(String path) {
    return path.isEmpty() ? List.of() : List.of(path.split("\\.", -1));
  }

  /** {@link #checkNamespace}, and an item's namespace has at least one label. */
  static void checkItemNamespace(List<String> namespace) {
    if (namespace.isEmpty()) throw new IllegalArgumentException("an item's namespace needs at least one label");
    checkNamespace(namespace);
  }

  /** Throws IllegalArgumentException unless every label is non-empty and free of {@code '.'}. */
  static void checkNamespace(List<String> namespace) {
    for (String label : namespace) {
      if (label == null || label.isEmpty() || label.indexOf('.') >= 0) {
        throw new IllegalArgumentException("namespace labels must be non-empty strings without '.', got "
            + namespace.stream().map(l -> l == null ? "null" : "'" + l + "'").toList());
      }
    }
  }
}
