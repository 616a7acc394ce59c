package dev.lamgraph.engine.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One item of an {@link ItemStore}: a JSON object under a namespace (a path of labels) and a key,
 * with when it was created and last written, and, for an item with a time to live, that ttl and
 * when it expires (both null for an item kept until deleted).
 *
 * @param namespace its labels, outermost first (none empty, none with a {@code '.'})
 * @param key its key within the namespace
 * @param valueJson its value, a JSON object as text
 * @param ttl how long it lives after each write or read that refreshes it, or null
 * @param expiresAt when it stops being visible, or null
 */
public record StoreItem(List<String> namespace, String key, String valueJson, Instant createdAt, Instant updatedAt,
    Duration ttl, Instant expiresAt) {
  public StoreItem {
    namespace = List.copyOf(namespace);
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(valueJson, "valueJson");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    ItemStore.checkNamespace(namespace);
  }

  /** Whether it is still visible at {@code now}. */
  public boolean liveAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Its namespace as stored: the labels joined with {@code '.'} (which no label holds). */
  public String path() {
    return ItemStore.path(namespace);
  }
}
