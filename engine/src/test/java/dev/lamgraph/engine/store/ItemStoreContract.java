package dev.lamgraph.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@link ItemStore} contract ({@link CheckpointStore#items}), run against every store: extend
 * it as {@link JournalContract} is extended.
 */
public abstract class ItemStoreContract extends StoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");


  @Test
  void putGetUpdateDeleteKeepsTheCreationTime() {
    ItemStore items = store.items();
    items.put(List.of("users", "u1"), "prefs", "{\"theme\":\"dark\"}", null, T0);
    items.put(List.of("users", "u1"), "prefs", "{\"theme\":\"light\"}", null, T0.plusSeconds(5));
    StoreItem i = items.get(List.of("users", "u1"), "prefs", T0.plusSeconds(6)).orElseThrow();
    assertThat(i.valueJson()).isEqualTo("{\"theme\":\"light\"}");
    assertThat(i.namespace()).containsExactly("users", "u1");
    assertThat(i.createdAt()).isEqualTo(T0);
    assertThat(i.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(i.ttl()).isNull();
    assertThat(items.get(List.of("users"), "prefs", T0)).isEmpty();
    assertThat(items.delete(List.of("users", "u1"), "prefs")).isTrue();
    assertThat(items.delete(List.of("users", "u1"), "prefs")).isFalse();
    assertThat(items.get(List.of("users", "u1"), "prefs", T0)).isEmpty();
  }

  @Test
  void underSelectsWholeLabelsOnlyAndNamespacesAreListedInOrder() {
    ItemStore items = store.items();
    items.put(List.of("a", "b"), "k2", "{}", null, T0);
    items.put(List.of("a", "b"), "k1", "{}", null, T0);
    items.put(List.of("a", "b", "c"), "k", "{}", null, T0);
    items.put(List.of("a", "bc"), "k", "{}", null, T0); // "a.bc" starts with "a.b" as text but not as labels
    items.put(List.of("a-b"), "k", "{}", null, T0);
    items.put(List.of("z"), "k", "{}", null, T0);
    assertThat(items.under(List.of("a", "b"), T0)).extracting(i -> i.path() + "/" + i.key())
        .containsExactly("a.b/k1", "a.b/k2", "a.b.c/k");
    assertThat(items.under(List.of("a"), T0)).extracting(StoreItem::path).containsExactly("a.b", "a.b", "a.b.c", "a.bc");
    assertThat(items.under(List.of(), T0)).hasSize(6);
    // ordered by path in byte order: '-' comes before '.'
    assertThat(items.namespaces(T0)).containsExactly(List.of("a-b"), List.of("a", "b"), List.of("a", "b", "c"),
        List.of("a", "bc"), List.of("z"));
  }

  @Test
  void pagesWalkWhatUnderSelectsInItsOrderSkippingExpiredItems() {
    ItemStore items = store.items();
    items.put(List.of("a", "b"), "k2", "{}", null, T0);
    items.put(List.of("a", "b"), "k1", "{}", null, T0);
    items.put(List.of("a", "b"), "k3", "{}", Duration.ofMinutes(1), T0);
    items.put(List.of("a", "b", "c"), "k", "{}", null, T0);
    items.put(List.of("a", "bc"), "k", "{}", null, T0);
    items.put(List.of("a", "bc"), "j", "{}", null, T0);
    items.put(List.of("a-b"), "k", "{}", null, T0);
    items.put(List.of("z"), "k", "{}", null, T0);
    Instant later = T0.plusSeconds(120); // k3 has expired
    for (List<String> prefix : List.of(List.of("a"), List.of("a", "b"), List.<String>of(), List.of("none"))) {
      for (int size : new int[] {1, 2, 3, 100}) {
        List<String> walked = new java.util.ArrayList<>();
        StoreItem after = null;
        for (List<StoreItem> page = items.page(prefix, later, null, size); !page.isEmpty();
            page = items.page(prefix, later, after, size)) {
          assertThat(page.size()).isLessThanOrEqualTo(size);
          page.forEach(i -> walked.add(i.path() + "/" + i.key()));
          after = page.get(page.size() - 1);
        }
        assertThat(walked).as("prefix %s, pages of %d", prefix, size)
            .isEqualTo(items.under(prefix, later).stream().map(i -> i.path() + "/" + i.key()).toList());
      }
    }
    assertThat(items.page(List.of("a"), later, null, 2)).extracting(i -> i.path() + "/" + i.key()).containsExactly("a.b/k1", "a.b/k2");
    assertThatThrownBy(() -> items.page(List.of("a"), later, null, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anItemExpiresAfterItsTtlUnlessRefreshed() {
    ItemStore items = store.items();
    items.put(List.of("s"), "short", "{}", Duration.ofMinutes(1), T0);
    items.put(List.of("s"), "kept", "{}", null, T0);
    StoreItem s = items.get(List.of("s"), "short", T0.plusSeconds(30)).orElseThrow();
    assertThat(s.ttl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.expiresAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(items.expireAt(List.of("s"), "short", T0.plusSeconds(90))).isTrue();
    assertThat(items.get(List.of("s"), "short", T0.plusSeconds(80))).isPresent();
    assertThat(items.get(List.of("s"), "short", T0.plusSeconds(90))).isEmpty();
    assertThat(items.under(List.of("s"), T0.plusSeconds(100))).extracting(StoreItem::key).containsExactly("kept");
    // an expired item is removed by the next write; a new one under its key starts afresh
    items.put(List.of("s"), "short", "{\"n\":2}", null, T0.plusSeconds(200));
    assertThat(items.get(List.of("s"), "short", T0.plusSeconds(200)).orElseThrow().createdAt()).isEqualTo(T0.plusSeconds(200));
    assertThat(items.expireAt(List.of("s"), "gone", T0)).isFalse();
  }

  @Test
  void aLabelWithADotOrAnEmptyLabelIsRefused() {
    assertThatThrownBy(() -> store.items().put(List.of("a.b"), "k", "{}", null, T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a.b'");
    assertThatThrownBy(() -> store.items().put(List.of("a", ""), "k", "{}", null, T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.items().put(List.of(), "k", "{}", null, T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itemsSurviveReopening() {
    Assumptions.assumeTrue(durable(), "an in-memory store keeps nothing across instances");
    store.items().put(List.of("users", "u1"), "prefs", "{\"theme\":\"dark\"}", null, T0);
    store.close();
    store = newStore(dir);
    assertThat(store.items().get(List.of("users", "u1"), "prefs", T0).orElseThrow().valueJson()).isEqualTo("{\"theme\":\"dark\"}");
  }
}
