package dev.lamgraph.engine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One cron of a {@link CronStore}: its id, its document (what the server needs to fire it, as JSON
 * text; the store does not read it) and when it fires next (null: never again).
 *
 * @param id its id
 * @param json its document, a JSON object as text
 * @param nextRunAt its next firing (millisecond precision once stored), or null
 */
public record StoredCron(String id, String json, Instant nextRunAt) {
  public StoredCron {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }
}
