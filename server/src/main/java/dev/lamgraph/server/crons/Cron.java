package dev.lamgraph.server.crons;

import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cron of {@code lam serve}: runs of an assistant on a schedule, on one thread ({@code threadId})
 * or each on a new thread (stateless: {@code threadId} null, the thread deleted after the run unless
 * {@code onRunCompleted} is {@code keep}). {@code payload} is the body each firing sends to the run
 * as {@code POST .../runs} would take it ({@code input}, {@code config}, {@code multitask_strategy}...).
 * Stored as its {@link #document} with the next firing beside it ({@link
 * dev.lamgraph.engine.store.CronStore}); answered in LangGraph's shape by {@link #json}.
 *
 * @param assistantId the assistant's id (uuid5 of {@code graphId})
 * @param graphId the workflow's name
 * @param timezone an IANA zone the schedule is read in, or null for UTC
 * @param endTime no firing after it, or null
 */
public record Cron(String id, String assistantId, String graphId, String threadId, String schedule, String timezone,
    Map<String, Object> payload, Map<String, Object> metadata, Instant endTime, String onRunCompleted, boolean enabled,
    Instant createdAt, Instant updatedAt) {
  public Cron {
    payload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Its schedule, parsed. */
  public CronSchedule parsedSchedule() {
    return CronSchedule.parse(schedule);
  }

  /** The zone its schedule is read in (UTC without a timezone). */
  public ZoneId zone() {
    return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
  }

  /** Whether each firing runs on a new thread. */
  public boolean stateless() {
    return threadId == null;
  }

  /** Its first slot strictly after {@code after}, or null when it is disabled or ends before it. */
  public Instant following(Instant after) {
    if (!enabled) return null;
    Instant next = parsedSchedule().next(after, zone());
    return next == null || (endTime != null && next.isAfter(endTime)) ? null : next;
  }

  /** What the store keeps: every field but the next firing. */
  public String document() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("cron_id", id);
    d.put("assistant_id", assistantId);
    d.put("graph_id", graphId);
    d.put("thread_id", threadId);
    d.put("schedule", schedule);
    d.put("timezone", timezone);
    d.put("payload", payload);
    d.put("metadata", metadata);
    d.put("end_time", endTime == null ? null : endTime.toString());
    d.put("on_run_completed", onRunCompleted);
    d.put("enabled", enabled);
    d.put("created_at", createdAt.toString());
    d.put("updated_at", updatedAt.toString());
    return Json.write(d);
  }

  /** A cron from its stored {@link #document}. */
  @SuppressWarnings("unchecked")
  public static Cron read(String json) {
    Map<String, Object> d = Json.readMap(json);
    return new Cron((String) d.get("cron_id"), (String) d.get("assistant_id"), (String) d.get("graph_id"),
        (String) d.get("thread_id"), (String) d.get("schedule"), (String) d.get("timezone"),
        d.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of(),
        d.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), instant(d.get("end_time")),
        (String) d.get("on_run_completed"), !Boolean.FALSE.equals(d.get("enabled")), instant(d.get("created_at")),
        instant(d.get("updated_at")));
  }

  private static Instant instant(Object v) {
    return v instanceof String s ? Instant.parse(s) : null;
  }

  /** LangGraph's cron object, with its next firing ({@code next_run_date}, null when it fires no more). */
  public Map<String, Object> json(Instant next) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("cron_id", id);
    j.put("assistant_id", assistantId);
    j.put("thread_id", threadId);
    j.put("on_run_completed", stateless() ? (onRunCompleted == null ? "delete" : onRunCompleted) : null);
    j.put("end_time", endTime == null ? null : endTime.toString());
    j.put("schedule", schedule);
    j.put("timezone", timezone);
    j.put("created_at", createdAt.toString());
    j.put("updated_at", updatedAt.toString());
    Map<String, Object> p = new LinkedHashMap<>(payload);
    p.put("assistant_id", assistantId);
    j.put("payload", p);
    j.put("user_id", null);
    j.put("next_run_date", next == null ? null : next.toString());
    j.put("metadata", metadata);
    j.put("enabled", enabled);
    return j;
  }
}
