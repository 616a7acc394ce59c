package dev.lamgraph.engine.node;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node returns: channel updates, or an interrupt that pauses the run until a person
 * answers ({@code lam resume THREAD --input ...}).
 */
public record NodeResult(Map<String, Object> updates, Interrupt interrupt) {
  public NodeResult {
    updates = updates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(updates));
  }

  public static NodeResult of(Map<String, Object> updates) {
    return new NodeResult(updates, null);
  }

  public static NodeResult empty() {
    return new NodeResult(Map.of(), null);
  }

  public static NodeResult interrupt(String prompt, String answerSchema) {
    return new NodeResult(Map.of(), new Interrupt(prompt, answerSchema));
  }

  /** A request for human input: a prompt and, optionally, a JSON Schema for the answer. */
  public record Interrupt(String prompt, String schema) {}
}
