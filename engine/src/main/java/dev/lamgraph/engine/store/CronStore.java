package dev.lamgraph.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store's scheduled runs ({@code lam serve}'s crons): each a JSON document by id, with the time
 * of its next firing kept apart so that a firing is claimed with one conditional update. Servers
 * sharing a store (PostgreSQL) each read the due crons and {@link #claim} them: exactly one claim
 * of a slot succeeds, and only its server starts the run. SQLite keeps them in table {@code
 * crons}, PostgreSQL in {@code lam_crons}, {@code memory:} in memory.
 *
 * <pre>{@code
 * CronStore crons = store.crons();
 * crons.put(new StoredCron("c1", "{\"schedule\":\"0 9 * * *\"}", next));
 * for (StoredCron c : crons.due(now)) {
 *   if (crons.claim(c.id(), c.nextRunAt(), following)) startTheRun(c);   // false: another server has it
 * }
 * }</pre>
 */
public interface CronStore {
  /** Writes a cron (a new one, or a new document and next firing for an existing one). */
  void put(StoredCron cron);

  /** The cron with this id, if any. */
  Optional<StoredCron> get(String id);

  /** Deletes a cron; false when there was none. */
  boolean delete(String id);

  /** Every cron, ordered by id. */
  List<StoredCron> all();

  /** The crons whose next firing is at or before {@code now}, ordered by that time then id. */
  List<StoredCron> due(Instant now);

  /**
   * Moves a cron's next firing from {@code expected} to {@code next} (null: it fires no more), only
   * if it is still {@code expected}; true when this call made the change, which claims the slot
   * {@code expected} for the caller.
   */
  boolean claim(String id, Instant expected, Instant next);
}
