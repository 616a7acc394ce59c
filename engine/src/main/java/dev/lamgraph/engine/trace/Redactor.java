package dev.lamgraph.engine.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Replaces known secret values (e.g. resolved {@code ${env:...}} keys) with {@code ***} in any
 * JSON-shaped value before it is stored in a checkpoint, a trace or a log line.
 */
public final class Redactor {
  public static final String MASK = "***";
  private static final Redactor GLOBAL = new Redactor();

  /**
   * The process-wide redactor: every secret resolved in this process (API keys from {@code
   * ${env:...}}) is masked in every checkpoint, trace event and log line the process writes.
   */
  public static Redactor global() {
    return GLOBAL;
  }

  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  /** Registers a secret; values shorter than 4 characters are ignored (too likely to be ordinary text). */
  public void addSecret(String value) {
    if (value != null && value.length() >= 4) secrets.add(value);
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  public String redact(String s) {
    if (s == null || secrets.isEmpty()) return s;
    String out = s;
    for (String secret : secrets) if (out.contains(secret)) out = out.replace(secret, MASK);
    return out;
  }

  /** Redacts strings anywhere inside a JSON-shaped value; returns the same object when nothing matched. */
  public Object redactValue(Object v) {
    if (secrets.isEmpty()) return v;
    if (v instanceof String s) return redact(s);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(redactValue(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, o) -> out.put(String.valueOf(k), redactValue(o)));
      return out;
    }
    return v;
  }
}
