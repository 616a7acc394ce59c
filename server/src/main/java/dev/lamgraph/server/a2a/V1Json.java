package dev.lamgraph.server.a2a;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A2A v1.0's JSON-RPC binding over the v0.3 one this package implements: the v1.0 method names
 * ({@code SendMessage}, {@code SendStreamingMessage}, {@code GetTask}, {@code CancelTask}, {@code
 * SubscribeToTask}) and their proto-JSON shapes (parts {@code {text}} / {@code {data}}, roles
 * {@code ROLE_USER}, states {@code TASK_STATE_COMPLETED}, stream responses {@code {task}}, {@code
 * {statusUpdate}}, {@code {artifactUpdate}}), translated to and from the v0.3 maps.
 */
final class V1Json {
  /** v1.0 method name to v0.3 method name. */
  static final Map<String, String> METHODS = Map.of("SendMessage", "message/send", "SendStreamingMessage", "message/stream",
      "GetTask", "tasks/get", "CancelTask", "tasks/cancel", "SubscribeToTask", "tasks/resubscribe");

  private V1Json() {}

  /** v1.0 params as v0.3 params: the message's role and parts, {@code returnImmediately} as {@code blocking: false}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> params(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    if (params.get("message") instanceof Map<?, ?> m) {
      Map<String, Object> msg = new LinkedHashMap<>((Map<String, Object>) m);
      msg.put("kind", "message");
      Object role = msg.get("role");
      msg.put("role", "ROLE_USER".equals(role) ? "user" : "ROLE_AGENT".equals(role) ? "agent" : role);
      for (String k : List.of("taskId", "contextId")) if ("".equals(msg.get(k))) msg.remove(k);
      if (msg.get("parts") instanceof List<?> parts) msg.put("parts", parts.stream().map(V1Json::partIn).toList());
      out.put("message", msg);
    }
    if (params.get("configuration") instanceof Map<?, ?> c) {
      Map<String, Object> conf = new LinkedHashMap<>((Map<String, Object>) c);
      if (Boolean.TRUE.equals(conf.get("returnImmediately"))) conf.put("blocking", false);
      out.put("configuration", conf);
    }
    return out;
  }

  private static Object partIn(Object p) {
    if (!(p instanceof Map<?, ?> part)) return p;
    Map<String, Object> out = new LinkedHashMap<>();
    if (part.containsKey("text")) {
      out.put("kind", "text");
      out.put("text", part.get("text"));
    } else if (part.containsKey("data")) {
      out.put("kind", "data");
      out.put("data", part.get("data"));
    } else if (part.containsKey("raw") || part.containsKey("url")) {
      out.put("kind", "file");
    } else {
      out.put("kind", null);
    }
    return out;
  }

  /** A v0.3 result (a task) as v1.0's: {@code SendMessage} wraps it as {@code {task}}. */
  static Object result(String v03Method, Object result) {
    Map<String, Object> task = task(asMap(result));
    return v03Method.equals("message/send") ? Map.of("task", task) : task;
  }

  /** A v0.3 stream event as a v1.0 {@code StreamResponse}. */
  static Map<String, Object> event(Map<String, Object> e) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (String.valueOf(e.get("kind"))) {
      case "task" -> out.put("task", task(e));
      case "status-update" -> {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("taskId", e.get("taskId"));
        u.put("contextId", e.get("contextId"));
        u.put("status", status(asMap(e.get("status"))));
        if (e.get("metadata") != null) u.put("metadata", e.get("metadata"));
        out.put("statusUpdate", u);
      }
      default -> {
        Map<String, Object> a = new LinkedHashMap<>(e);
        a.remove("kind");
        a.put("artifact", artifact(asMap(e.get("artifact"))));
        out.put("artifactUpdate", a);
      }
    }
    return out;
  }

  static Map<String, Object> task(Map<String, Object> t) {
    Map<String, Object> out = new LinkedHashMap<>(t);
    out.remove("kind");
    out.put("status", status(asMap(t.get("status"))));
    if (t.get("artifacts") instanceof List<?> l) out.put("artifacts", l.stream().map(a -> artifact(asMap(a))).toList());
    if (t.get("history") instanceof List<?> l) out.put("history", l.stream().map(m -> message(asMap(m))).toList());
    return out;
  }

  private static Map<String, Object> status(Map<String, Object> s) {
    Map<String, Object> out = new LinkedHashMap<>(s);
    out.put("state", "TASK_STATE_" + String.valueOf(s.get("state")).toUpperCase(Locale.ROOT).replace('-', '_'));
    if (s.get("message") != null) out.put("message", message(asMap(s.get("message"))));
    return out;
  }

  private static Map<String, Object> message(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    out.remove("kind");
    out.put("role", "agent".equals(m.get("role")) ? "ROLE_AGENT" : "ROLE_USER");
    if (m.get("parts") instanceof List<?> l) out.put("parts", l.stream().map(p -> partOut(asMap(p))).toList());
    return out;
  }

  private static Map<String, Object> artifact(Map<String, Object> a) {
    Map<String, Object> out = new LinkedHashMap<>(a);
    if (a.get("parts") instanceof List<?> l) out.put("parts", l.stream().map(p -> partOut(asMap(p))).toList());
    return out;
  }

  private static Map<String, Object> partOut(Map<String, Object> p) {
    Map<String, Object> out = new LinkedHashMap<>(p);
    out.remove("kind");
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }
}
