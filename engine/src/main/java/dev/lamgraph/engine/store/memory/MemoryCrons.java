package dev.lamgraph.engine.store.memory;

import dev.lamgraph.engine.store.CronStore;
import dev.lamgraph.engine.store.StoredCron;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The crons of a {@link MemoryStore}: a sorted map by id, gone with the process (times kept to the millisecond, as the SQL stores do). */
final class MemoryCrons implements CronStore {
  private final TreeMap<String, StoredCron> byId = new TreeMap<>();

  @Override
  public synchronized void put(StoredCron cron) {
    byId.put(cron.id(), new StoredCron(cron.id(), cron.json(), millis(cron.nextRunAt())));
  }

  @Override
  public synchronized Optional<StoredCron> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized boolean delete(String id) {
    return byId.remove(id) != null;
  }

  @Override
  public synchronized List<StoredCron> all() {
    return new ArrayList<>(byId.values());
  }

  @Override
  public synchronized List<StoredCron> due(Instant now) {
    return byId.values().stream().filter(c -> c.nextRunAt() != null && !c.nextRunAt().isAfter(now))
        .sorted(Comparator.comparing(StoredCron::nextRunAt).thenComparing(StoredCron::id)).toList();
  }

  @Override
  public synchronized boolean claim(String id, Instant expected, Instant next) {
    StoredCron c = byId.get(id);
    if (c == null || c.nextRunAt() == null || !Objects.equals(c.nextRunAt(), millis(expected))) return false;
    byId.put(id, new StoredCron(id, c.json(), millis(next)));
    return true;
  }

  private static Instant millis(Instant t) {
    return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
  }
}
