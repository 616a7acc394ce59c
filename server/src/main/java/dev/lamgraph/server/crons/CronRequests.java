package dev.lamgraph.server.crons;

import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.runs.RunRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bodies of the cron routes, checked: a new cron's fields ({@link #create}), a patch ({@link
 * #patch}) and the search filters ({@link #matches}). A bad field is a 422 with a one-line reason.
 */
final class CronRequests {
  /** Fields of the cron itself; everything else in a body is the run payload. */
  private static final Set<String> CRON_FIELDS = Set.of("assistant_id", "schedule", "timezone", "end_time", "enabled",
      "on_run_completed", "metadata", "thread_id");
  /** Fields a patch may change in the run payload. */
  private static final List<String> PAYLOAD_PATCH = List.of("input", "config", "context", "interrupt_before",
      "interrupt_after", "stream_mode", "stream_subgraphs", "stream_resumable", "durability", "multitask_strategy",
      "webhook");

  private CronRequests() {}

  /** A new cron from a create body, for the assistant {@code graph} (already resolved). */
  static Cron create(String id, String graph, String assistantId, String threadId, Map<String, Object> b, Instant now) {
    String schedule = schedule(b.get("schedule"));
    String zone = timezone(b.get("timezone"));
    String onRunCompleted = onRunCompleted(b, threadId == null);
    Map<String, Object> payload = new LinkedHashMap<>();
    b.forEach((k, v) -> {
      if (!CRON_FIELDS.contains(k) && v != null) payload.put(k, v);
    });
    checkPayload(payload, threadId == null);
    return new Cron(id, assistantId, graph, threadId, schedule, zone, payload, object(b, "metadata"),
        endTime(b.get("end_time")), onRunCompleted, bool(b, "enabled", true), now, now);
  }

  /** {@code old} with the fields a patch body sets (absent or null fields are kept). */
  static Cron patch(Cron old, Map<String, Object> b, Instant now) {
    String schedule = b.get("schedule") == null ? old.schedule() : schedule(b.get("schedule"));
    String zone = b.get("timezone") == null ? old.timezone() : timezone(b.get("timezone"));
    Instant end = b.get("end_time") == null ? old.endTime() : endTime(b.get("end_time"));
    String onRunCompleted = b.get("on_run_completed") == null ? old.onRunCompleted() : onRunCompleted(b, old.stateless());
    Map<String, Object> payload = new LinkedHashMap<>(old.payload());
    for (String k : PAYLOAD_PATCH) {
      if (b.get(k) != null) payload.put(k, b.get(k));
    }
    checkPayload(payload, old.stateless());
    Map<String, Object> metadata = b.get("metadata") == null ? old.metadata() : object(b, "metadata");
    return new Cron(old.id(), old.assistantId(), old.graphId(), old.threadId(), schedule, zone, payload, metadata, end,
        onRunCompleted, bool(b, "enabled", old.enabled()), old.createdAt(), now);
  }

  /** Whether a cron passes a search's filters ({@code assistant_id} as an id or a graph name, {@code thread_id}, {@code enabled}, {@code metadata}). */
  static boolean matches(Cron c, Map<String, Object> b) {
    Object a = b.get("assistant_id");
    if (a != null && !a.equals(c.assistantId()) && !a.equals(c.graphId())) return false;
    Object t = b.get("thread_id");
    if (t != null && !t.equals(c.threadId())) return false;
    Object e = b.get("enabled");
    if (e != null && !e.equals(c.enabled())) return false;
    for (Map.Entry<String, Object> m : object(b, "metadata").entrySet()) {
      if (!c.metadata().containsKey(m.getKey()) || !java.util.Objects.equals(c.metadata().get(m.getKey()), m.getValue())) return false;
    }
    return true;
  }

  private static String schedule(Object v) {
    if (!(v instanceof String s)) throw ApiException.invalid("schedule is required: a 5-field cron expression such as '0 9 * * *'");
    try {
      CronSchedule.parse(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("bad schedule: " + e.getMessage());
    }
    return s.strip();
  }

  private static String timezone(Object v) {
    if (v == null) return null;
    if (!(v instanceof String s)) throw ApiException.invalid("timezone must be a string (an IANA zone such as Europe/Paris)");
    try {
      ZoneId.of(s);
      return s;
    } catch (DateTimeException e) {
      throw ApiException.invalid("unknown timezone '" + s + "' (an IANA zone such as Europe/Paris, or UTC)");
    }
  }

  private static Instant endTime(Object v) {
    if (v == null) return null;
    if (v instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeException e) {
        try {
          return Instant.parse(s);
        } catch (DateTimeException e2) {
          // fall through
        }
      }
    }
    throw ApiException.invalid("end_time must be an ISO 8601 date-time with an offset, such as 2026-12-31T23:59:00Z");
  }

  private static String onRunCompleted(Map<String, Object> b, boolean stateless) {
    Object v = b.get("on_run_completed");
    if (v == null) return null;
    if (!stateless) throw ApiException.invalid("on_run_completed applies to stateless crons (POST /runs/crons) only");
    if (!"delete".equals(v) && !"keep".equals(v)) throw ApiException.invalid("on_run_completed must be delete or keep");
    return (String) v;
  }

  /** The payload must be a run request {@code POST .../runs} would take. */
  private static void checkPayload(Map<String, Object> payload, boolean stateless) {
    if (payload.containsKey("command")) throw ApiException.invalid("a cron's runs take input, not a command");
    RunRequest.parse(payload, stateless);
  }

  private static boolean bool(Map<String, Object> b, String k, boolean dflt) {
    Object v = b.get(k);
    if (v == null) return dflt;
    if (v instanceof Boolean x) return x;
    throw ApiException.invalid(k + " must be true or false");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> b, String k) {
    Object v = b.get(k);
    if (v == null) return Map.of();
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw ApiException.invalid(k + " must be an object");
  }
}
