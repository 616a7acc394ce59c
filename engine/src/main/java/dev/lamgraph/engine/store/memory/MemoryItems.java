package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.ItemStore;
import dev.lamgraph.engine.store.StoreItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The long-term items of a {@link MemoryStore}: a sorted map by namespace path and key, gone with the process. */
final class MemoryItems implements ItemStore {
  private final TreeMap<String, TreeMap<String, StoreItem>> byPath = new TreeMap<>();

  @Override
  public synchronized void put(List<String> namespace, String key, String valueJson, Duration ttl, Instant now) {
    ItemStore.checkItemNamespace(namespace);
    byPath.values().forEach(m -> m.values().removeIf(i -> !i.liveAt(now)));
    byPath.values().removeIf(Map::isEmpty);
    TreeMap<String, StoreItem> items = byPath.computeIfAbsent(ItemStore.path(namespace), p -> new TreeMap<>());
    StoreItem old = items.get(key);
    items.put(key, new StoreItem(namespace, key, valueJson, old == null ? now : old.createdAt(), now, ttl,
        ttl == null ? null : now.plus(ttl)));
  }

  @Override
  public synchronized Optional<StoreItem> get(List<String> namespace, String key, Instant now) {
    TreeMap<String, StoreItem> items = byPath.get(ItemStore.path(namespace));
    StoreItem i = items == null ? null : items.get(key);
    return i != null && i.liveAt(now) ? Optional.of(i) : Optional.empty();
  }

  @Override
  public synchronized boolean delete(List<String> namespace, String key) {
    TreeMap<String, StoreItem> items = byPath.get(ItemStore.path(namespace));
    return items != null && items.remove(key) != null;
  }

  @Override
  public synchronized List<StoreItem> under(List<String> prefix, Instant now) {
    return select(prefix, now, null, Integer.MAX_VALUE);
  }

  @Override
  public synchronized List<StoreItem> page(List<String> prefix, Instant now, StoreItem after, int max) {
    if (max <= 0) throw new IllegalArgumentException("a page holds at least one item, got " + max);
    return select(prefix, now, after, max);
  }

  private List<StoreItem> select(List<String> prefix, Instant now, StoreItem after, int max) {
    String p = ItemStore.path(prefix);
    List<StoreItem> out = new ArrayList<>();
    var paths = after != null ? byPath.tailMap(after.path(), true) : prefix.isEmpty() ? byPath : byPath.tailMap(p, true);
    for (Map.Entry<String, TreeMap<String, StoreItem>> e : paths.entrySet()) {
      String path = e.getKey();
      if (!prefix.isEmpty() && path.compareTo(p + "/") >= 0) break; // past every path of the prefix
      if (!(prefix.isEmpty() || path.equals(p) || path.startsWith(p + "."))) continue;
      var items = after != null && path.equals(after.path()) ? e.getValue().tailMap(after.key(), false) : e.getValue();
      for (StoreItem i : items.values()) {
        if (!i.liveAt(now)) continue;
        if (out.size() == max) return out;
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public synchronized List<List<String>> namespaces(Instant now) {
    List<List<String>> out = new ArrayList<>();
    byPath.forEach((path, items) -> {
      if (items.values().stream().anyMatch(i -> i.liveAt(now))) out.add(ItemStore.labels(path));
    });
    return out;
  }

  @Override
  public synchronized boolean expireAt(List<String> namespace, String key, Instant expiresAt) {
    TreeMap<String, StoreItem> items = byPath.get(ItemStore.path(namespace));
    StoreItem i = items == null ? null : items.get(key);
    if (i == null) return false;
    items.put(key, new StoreItem(i.namespace(), key, i.valueJson(), i.createdAt(), i.updatedAt(), i.ttl(), expiresAt));
    return true;
  }
}
