package dev.lamgraph.nodes.toolnode;

import dev.lamgraph.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a plan in state, as a planner writes it: {@code {"tool": "search", "args": {"q": "..."}}}
 * ({@code arguments} is accepted for {@code args}, and args given as JSON text are parsed).
 * {@code problem} is non-null when the step cannot be run.
 *
 * <pre>{@code
 * PlanStep s = PlanStep.parse(Map.of("tool", "search", "args", Map.of("q", "lamgraph")));
 * }</pre>
 */
record PlanStep(String tool, Map<String, Object> args, String problem) {
  static PlanStep parse(Object step) {
    if (!(step instanceof Map<?, ?> m)) return new PlanStep(null, Map.of(), "a step must be an object {tool, args}");
    if (!(m.get("tool") instanceof String tool) || tool.isBlank()) return new PlanStep(null, Map.of(), "the step names no tool");
    Object a = m.containsKey("args") ? m.get("args") : m.get("arguments");
    if (a instanceof String text) {
      try {
        a = Json.readMap(text);
      } catch (RuntimeException e) {
        return new PlanStep(tool, Map.of(), "args of tool '" + tool + "' are not a JSON object");
      }
    }
    if (a == null) return new PlanStep(tool, Map.of(), null);
    if (!(a instanceof Map<?, ?> args)) return new PlanStep(tool, Map.of(), "args of tool '" + tool + "' must be an object");
    Map<String, Object> out = new LinkedHashMap<>();
    args.forEach((k, v) -> out.put(String.valueOf(k), v));
    return new PlanStep(tool, out, null);
  }
}
