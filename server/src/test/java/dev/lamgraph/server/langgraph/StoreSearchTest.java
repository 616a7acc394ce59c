package dev.lamgraph.server.langgraph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.ItemStore;
import dev.lamgraph.engine.store.StoreItem;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StoreSearch}: the answers of a search that loads every item, read a page at a time. */
class StoreSearchTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final String[] WORDS = {"tea", "coffee", "milk", "sugar", "lemon"};

  /** An item store that counts the items it hands out and the largest page. */
  static final class Probe implements ItemStore {
    final ItemStore inner = new MemoryStore().items();
    long read;
    int largest;
    int unders;

    @Override
    public void put(List<String> namespace, String key, String valueJson, Duration ttl, Instant now) {
      inner.put(namespace, key, valueJson, ttl, now);
    }

    @Override
    public Optional<StoreItem> get(List<String> namespace, String key, Instant now) {
      return inner.get(namespace, key, now);
    }

    @Override
    public boolean delete(List<String> namespace, String key) {
      return inner.delete(namespace, key);
    }

    @Override
    public List<StoreItem> under(List<String> prefix, Instant now) {
      unders++;
      return inner.under(prefix, now);
    }

    @Override
    public List<StoreItem> page(List<String> prefix, Instant now, StoreItem after, int max) {
      List<StoreItem> page = inner.page(prefix, now, after, max);
      read += page.size();
      largest = Math.max(largest, page.size());
      return page;
    }

    @Override
    public List<List<String>> namespaces(Instant now) {
      return inner.namespaces(now);
    }

    @Override
    public boolean expireAt(List<String> namespace, String key, Instant expiresAt) {
      return inner.expireAt(namespace, key, expiresAt);
    }
  }

  static Probe filled(int n, long seed) {
    Probe p = new Probe();
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      List<String> ns = r.nextInt(10) == 0 ? List.of("other") : List.of("users", "u" + r.nextInt(20));
      String text = WORDS[r.nextInt(WORDS.length)] + " and " + WORDS[r.nextInt(WORDS.length)];
      p.put(ns, "k" + r.nextInt(1_000_000), Json.write(Map.of("n", r.nextInt(5), "text", text)), null, NOW);
    }
    return p;
  }

  /** The search as the routes did it before paging: every item in memory, filtered, ranked, cut. */
  static List<String> loadingAll(ItemStore items, List<String> prefix, Map<String, Object> filter, String query, int offset, int limit) {
    record Found(StoreItem item, double score) {}
    List<Found> found = new ArrayList<>();
    for (StoreItem i : items.under(prefix, NOW)) {
      Object value = Json.read(i.valueJson());
      if (StoreJson.matches(value, filter)) found.add(new Found(i, query == null ? 0 : StoreJson.score(value, query)));
    }
    if (query != null) {
      found = found.stream().filter(f -> f.score() > 0).sorted(Comparator.comparingDouble(Found::score).reversed()).toList();
    }
    return found.stream().skip(offset).limit(limit).map(f -> shown(f.item(), query == null ? null : f.score())).toList();
  }

  static String shown(StoreItem i, Double score) {
    return i.path() + "/" + i.key() + "@" + score;
  }

  static List<String> paged(ItemStore items, List<String> prefix, Map<String, Object> filter, String query, int offset, int limit) {
    return StoreSearch.run(items, prefix, NOW, filter, query, offset, limit).stream().map(h -> shown(h.item(), h.score())).toList();
  }

  @Test
  void answersAsASearchThatLoadsEverything() {
    Probe p = filled(700, 7);
    List<Map<String, Object>> filters = List.of(Map.of(), Map.of("n", 2), Map.of("n", Map.of("$gte", 3)));
    List<String> queries = new ArrayList<>(List.of("tea", "tea lemon", "milk coffee sugar", "nothing here", "?!"));
    queries.add(null);
    int checked = 0;
    for (List<String> prefix : List.of(List.<String>of(), List.of("users"), List.of("users", "u3"), List.of("none"))) {
      for (Map<String, Object> filter : filters) {
        for (String query : queries) {
          for (int[] window : new int[][] {{0, 10}, {5, 40}, {31, 33}, {100, 1000}, {0, 1000}, {690, 50}, {0, 0}}) {
            List<String> want = loadingAll(p, prefix, filter, query, window[0], window[1]);
            assertThat(paged(p, prefix, filter, query, window[0], window[1]))
                .as("prefix %s filter %s query %s window %s", prefix, filter, query, List.of(window[0], window[1]))
                .isEqualTo(want);
            if (!want.isEmpty()) checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100); // the cases compare real answers, not empty ones
    assertThat(paged(p, List.of("users"), Map.of(), "tea lemon", 0, 5)).allMatch(s -> s.endsWith("@1.0"));
  }

  @Test
  void aSearchOverManyItemsHoldsOnePageAtATime() {
    Probe p = filled(5_000, 11);
    int unders = p.unders;
    // without a query the walk stops once it has the page asked for
    assertThat(StoreSearch.run(p, List.of(), NOW, Map.of(), null, 20, 10)).hasSize(10);
    assertThat(p.read).isLessThanOrEqualTo(StoreSearch.PAGE);
    // a query ranks all of them, reading them page by page, never all at once
    p.read = 0;
    assertThat(StoreSearch.run(p, List.of(), NOW, Map.of(), "tea", 0, 10)).hasSize(10);
    assertThat(p.read).isGreaterThanOrEqualTo(5_000);
    assertThat(p.largest).isEqualTo(StoreSearch.PAGE);
    assertThat(p.unders).isEqualTo(unders); // nothing asked for every item
  }
}
