package dev.lamgraph.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The {@link CronStore} contract ({@link CheckpointStore#crons}), run against every store. */
public abstract class CronStoreContract extends StoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");


  @Test
  void putGetListDelete() {
    CronStore c = store.crons();
    c.put(new StoredCron("b", "{\"n\":1}", T0.plusSeconds(60)));
    c.put(new StoredCron("a", "{\"n\":2}", null));
    assertThat(c.get("b")).contains(new StoredCron("b", "{\"n\":1}", T0.plusSeconds(60)));
    assertThat(c.all()).extracting(StoredCron::id).containsExactly("a", "b");
    c.put(new StoredCron("b", "{\"n\":3}", T0.plusSeconds(120)));
    assertThat(c.get("b")).contains(new StoredCron("b", "{\"n\":3}", T0.plusSeconds(120)));
    assertThat(c.delete("b")).isTrue();
    assertThat(c.delete("b")).isFalse();
    assertThat(c.get("b")).isEmpty();
  }

  @Test
  void dueAreThoseAtOrBeforeNowInOrder() {
    CronStore c = store.crons();
    c.put(new StoredCron("late", "{}", T0.plusSeconds(120)));
    c.put(new StoredCron("z", "{}", T0));
    c.put(new StoredCron("a", "{}", T0.plusSeconds(60)));
    c.put(new StoredCron("off", "{}", null));
    assertThat(c.due(T0.plusSeconds(60))).extracting(StoredCron::id).containsExactly("z", "a");
    assertThat(c.due(T0.minusSeconds(1))).isEmpty();
  }

  @Test
  void aSlotIsClaimedOnce() throws Exception {
    CronStore c = store.crons();
    c.put(new StoredCron("c", "{}", T0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> claims = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) claims.add(pool.submit(() -> c.claim("c", T0, T0.plusSeconds(60))));
      int won = 0;
      for (Future<Boolean> f : claims) won += f.get() ? 1 : 0;
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(c.get("c").orElseThrow().nextRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(c.claim("c", T0.plusSeconds(60), null)).isTrue();
    assertThat(c.get("c").orElseThrow().nextRunAt()).isNull();
    assertThat(c.claim("c", T0.plusSeconds(60), T0)).isFalse();
    assertThat(c.claim("missing", T0, T0)).isFalse();
  }

  @Test
  void cronsSurviveReopening() {
    Assumptions.assumeTrue(durable());
    store.crons().put(new StoredCron("c", "{\"s\":\"* * * * *\"}", T0.plusMillis(1500)));
    store.close();
    store = newStore(dir);
    assertThat(store.crons().get("c")).contains(new StoredCron("c", "{\"s\":\"* * * * *\"}", T0.plusMillis(1500)));
  }
}
