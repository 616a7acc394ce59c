package dev.lamgraph.engine.trace;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's trace events into OpenTelemetry spans (OTLP/JSON): one {@code lam.run} span, a
 * {@code lam.step N} span per step, a span per node attempt, and {@code execute_tool} / {@code chat}
 * spans for tool and model calls carrying the {@code gen_ai.*} semantic-convention attributes.
 */
public final class OtlpSpans {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OtlpSpans() {}

  /** The OTLP/JSON {@code ExportTraceServiceRequest} body for one run. */
  public static Map<String, Object> request(TracedRun thread, List<TraceEvent> events) {
    String traceId = hex(16);
    List<Map<String, Object>> spans = new ArrayList<>();
    Instant runStart = events.isEmpty() ? thread.created() : events.get(0).time();
    Instant runEnd = events.isEmpty() ? thread.updated() : events.get(events.size() - 1).time();
    String runId = hex(8);
    spans.add(span(traceId, runId, null, "lam.run " + thread.workflow(), runStart, runEnd,
        attrs("lam.thread", thread.threadId(), "lam.workflow", thread.workflow(), "lam.status", thread.status(),
            "lam.steps", thread.steps()), !"failed".equals(thread.status())));
    Map<Long, Object[]> steps = new LinkedHashMap<>();
    Map<String, Instant> nodeStart = new HashMap<>();
    List<Map<String, Object>> children = new ArrayList<>();
    for (TraceEvent e : events) {
      if (e.node() != null && e.step() > 0) {
        steps.computeIfAbsent(e.step(), s -> new Object[] {hex(8), e.time(), e.time()})[2] = e.time();
      }
      String stepId = e.step() > 0 && steps.containsKey(e.step()) ? (String) steps.get(e.step())[0] : runId;
      switch (e.kind()) {
        case "node_started" -> nodeStart.put(e.step() + "/" + e.node(), e.time());
        case "node_succeeded", "node_failed", "node_retry" -> {
          Instant start = nodeStart.getOrDefault(e.step() + "/" + e.node(), e.time());
          Map<String, Object> a = attrs("lam.node", e.node(), "lam.step", e.step());
          if (e.data().get("attempt") != null) a.put("lam.attempt", e.data().get("attempt"));
          if (e.data().get("error") != null) a.put("error.type", String.valueOf(e.data().get("kind")));
          children.add(span(traceId, hex(8), stepId, "lam.node " + e.node(), start, e.time(), a,
              "node_succeeded".equals(e.kind())));
        }
        case "tool_call" -> {
          Map<String, Object> a = attrs("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name",
              String.valueOf(e.data().getOrDefault("tool", "")), "lam.node", e.node());
          if (e.data().get("error") != null) a.put("error.type", "tool_error");
          children.add(span(traceId, hex(8), stepId, "execute_tool " + e.data().getOrDefault("tool", ""),
              e.time().minusMillis(num(e.data().get("duration_ms"))), e.time(), a, e.data().get("error") == null));
        }
        case "model_call" -> {
          Map<String, Object> a = attrs("gen_ai.operation.name", "chat",
              "gen_ai.provider.name", String.valueOf(e.data().getOrDefault("provider", "")),
              "gen_ai.request.model", String.valueOf(e.data().getOrDefault("model", "")),
              "gen_ai.usage.input_tokens", num(e.data().get("input_tokens")),
              "gen_ai.usage.output_tokens", num(e.data().get("output_tokens")), "lam.node", e.node());
          if (e.data().get("error") != null) a.put("error.type", "model_error");
          children.add(span(traceId, hex(8), stepId, "chat " + e.data().getOrDefault("model", ""),
              e.time().minusMillis(num(e.data().get("duration_ms"))), e.time(), a, e.data().get("error") == null));
        }
        default -> { }
      }
    }
    steps.forEach((step, v) -> spans.add(span(traceId, (String) v[0], runId, "lam.step " + step, (Instant) v[1],
        (Instant) v[2], attrs("lam.step", step), true)));
    spans.addAll(children);
    Map<String, Object> scope = Map.of("scope", Map.of("name", "dev.lamgraph", "version", "0.1.0"), "spans", spans);
    Map<String, Object> resource = Map.of("attributes", List.of(kv("service.name", "lamgraph")));
    return Map.of("resourceSpans", List.of(Map.of("resource", resource, "scopeSpans", List.of(scope))));
  }

  private static Map<String, Object> span(String traceId, String id, String parent, String name, Instant start,
      Instant end, Map<String, Object> attributes, boolean ok) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("traceId", traceId);
    s.put("spanId", id);
    if (parent != null) s.put("parentSpanId", parent);
    s.put("name", name);
    s.put("kind", 1);
    s.put("startTimeUnixNano", String.valueOf(nanos(start)));
    s.put("endTimeUnixNano", String.valueOf(Math.max(nanos(start), nanos(end))));
    List<Map<String, Object>> kvs = new ArrayList<>();
    attributes.forEach((k, v) -> kvs.add(kv(k, v)));
    s.put("attributes", kvs);
    s.put("status", Map.of("code", ok ? 1 : 2));
    return s;
  }

  private static Map<String, Object> attrs(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) if (kv[i + 1] != null) m.put(String.valueOf(kv[i]), kv[i + 1]);
    return m;
  }

  private static Map<String, Object> kv(String key, Object v) {
    Map<String, Object> value = v instanceof Long || v instanceof Integer ? Map.of("intValue", String.valueOf(v))
        : v instanceof Double d ? Map.of("doubleValue", d)
        : v instanceof Boolean b ? Map.of("boolValue", b)
        : Map.of("stringValue", String.valueOf(v));
    return Map.of("key", key, "value", value);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static long num(Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
