package dev.lamgraph.server.langgraph;

import dev.lamgraph.engine.store.ItemStore;
import dev.lamgraph.engine.store.StoreItem;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A store search ({@code POST /store/items/search}) that walks the items under a namespace prefix
 * a page at a time ({@link ItemStore#page}), so it never holds more than one page of items plus the
 * {@code limit} it answers, however many items the prefix holds. Without a query the items that
 * pass the filter come in the store's order (namespace path, then key), from {@code offset}. With a
 * query only items holding at least one of its words come, best score first, ties in the store's
 * order: a score is {@code found / words} for a count {@code found} of the query's words, so a
 * first walk counts the matching items per {@code found}, which places every score's run of items,
 * and a second walk keeps those whose place falls in {@code [offset, offset + limit)}.
 *
 * <pre>{@code
 * List<StoreSearch.Hit> hits = StoreSearch.run(store.items(), List.of("users"), now, Map.of("theme", "dark"), "tea", 0, 10);
 * }</pre>
 */
public final class StoreSearch {
  /** How many items one page of the walk reads (each value at most the server's body limit). */
  static final int PAGE = 32;

  /** A found item, with its score in a search with a query (else null). */
  public record Hit(StoreItem item, Double score) {}

  /** What a walk does with an item and its value: false stops the walk. */
  @FunctionalInterface
  private interface Visit {
    boolean item(StoreItem item, Object value);
  }

  private StoreSearch() {}

  /**
   * The items under {@code prefix} visible at {@code now} passing {@code filter} (see {@link
   * StoreJson#matches}), ranked by {@code query} when it is not blank, from {@code offset}, at most
   * {@code limit}.
   */
  public static List<Hit> run(ItemStore items, List<String> prefix, Instant now, Map<String, Object> filter, String query,
      int offset, int limit) {
    if (limit <= 0) return List.of();
    List<Hit> out = new ArrayList<>();
    if (query == null || query.isBlank()) {
      long[] skip = {offset};
      walk(items, prefix, now, (item, value) -> {
        if (!StoreJson.matches(value, filter)) return true;
        if (skip[0] > 0) {
          skip[0]--;
          return true;
        }
        out.add(new Hit(item, null));
        return out.size() < limit;
      });
      return out;
    }
    Set<String> words = StoreJson.words(query);
    if (words.isEmpty()) return out; // every score is 0: nothing ranks
    long[] count = new long[words.size() + 1];
    walk(items, prefix, now, (item, value) -> {
      if (StoreJson.matches(value, filter)) count[StoreJson.found(value, words)]++;
      return true;
    });
    // next[f]: the place of the next item found with f words (places of higher counts come first)
    // (an item written between the walks past its run's end is left out rather than take another's place)
    long[] next = new long[count.length];
    long[] end = new long[count.length];
    long before = 0;
    for (int f = count.length - 1; f > 0; f--) {
      next[f] = before;
      before += count[f];
      end[f] = before;
    }
    long wanted = Math.min(limit, Math.max(0, before - offset));
    TreeMap<Long, Hit> kept = new TreeMap<>();
    if (wanted > 0) {
      walk(items, prefix, now, (item, value) -> {
        if (!StoreJson.matches(value, filter)) return true;
        int f = StoreJson.found(value, words);
        if (f == 0 || next[f] >= end[f]) return true;
        long place = next[f]++;
        if (place >= offset && place < (long) offset + limit) kept.put(place, new Hit(item, (double) f / words.size()));
        return kept.size() < wanted;
      });
    }
    out.addAll(kept.values());
    return out;
  }

  /** Visits the items under {@code prefix} in the store's order, reading one page at a time, until {@code visit} says stop. */
  private static void walk(ItemStore items, List<String> prefix, Instant now, Visit visit) {
    StoreItem after = null;
    while (true) {
      List<StoreItem> page = items.page(prefix, now, after, PAGE);
      for (StoreItem i : page) {
        if (!visit.item(i, Json.read(i.valueJson()))) return;
      }
      if (page.isEmpty()) return;
      after = page.get(page.size() - 1);
    }
  }
}
