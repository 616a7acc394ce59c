package dev.lamgraph.cli.wfeval;

import dev.lamgraph.engine.util.BoundedFiles;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an evaluation dataset: JSON Lines (one object per line: {@code {"id", "input": {...},
 * "reference", "trajectory": [tool...], "path": [node...]}}, only {@code input} required), or a
 * Google ADK EvalSet JSON file ({@code {"eval_set_id", "eval_cases": [{"eval_id", "conversation":
 * [{"user_content": {"parts": [{"text"}]}, "final_response": {...}, "intermediate_data":
 * {"tool_uses": [{"name", "args"}]}}], "session_input": {"state": {...}}}]}}): the user's text
 * becomes input {@code inputKey}, the session state the rest of the input, the final response the
 * reference and the tool uses the trajectory. An EvalSet case of several turns is one run of its
 * first turn ({@link #warnings()} says so).
 *
 * <pre>{@code
 * Datasets d = Datasets.read(Path.of("cases.jsonl"), "question");
 * d.cases().get(0).input(); // {question=...}
 * }</pre>
 */
public final class Datasets {
  /** Datasets are read whole; this bounds them. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final Set<String> JSONL_KEYS = Set.of("id", "input", "reference", "trajectory", "path");
  private final List<EvalCase> cases;
  private final List<String> warnings;

  private Datasets(List<EvalCase> cases, List<String> warnings) {
    this.cases = List.copyOf(cases);
    this.warnings = List.copyOf(warnings);
  }

  public List<EvalCase> cases() {
    return cases;
  }

  public List<String> warnings() {
    return warnings;
  }

  /**
   * Reads {@code file}; an ADK EvalSet when its JSON is an object with {@code eval_cases}.
   *
   * @throws IllegalArgumentException one line naming the file, the line and what is wrong
   */
  public static Datasets read(Path file, String inputKey) throws IOException {
    String text = BoundedFiles.readUtf8(file, MAX_BYTES);
    String trimmed = text.strip();
    if (trimmed.startsWith("{") && trimmed.contains("\"eval_cases\"")) {
      Object v;
      try {
        v = Json.read(trimmed);
      } catch (RuntimeException e) {
        v = null; // not one JSON document: JSON Lines after all
      }
      if (v instanceof Map<?, ?> m && m.containsKey("eval_cases")) return adk(file, m, inputKey);
    }
    return jsonl(file, text);
  }

  private static Datasets jsonl(Path file, String text) {
    List<EvalCase> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) continue;
      Map<String, Object> m;
      try {
        m = Json.readMap(l);
      } catch (RuntimeException e) {
        throw bad(file, i + 1, "not a JSON object");
      }
      for (String k : m.keySet()) {
        if (!JSONL_KEYS.contains(k)) throw bad(file, i + 1, "unknown key '" + k + "'; known: id, input, reference, trajectory, path");
      }
      if (!(m.get("input") instanceof Map<?, ?> in)) throw bad(file, i + 1, "'input' must be an object of inputs");
      String id = m.get("id") == null ? "line-" + (i + 1) : String.valueOf(m.get("id"));
      out.add(new EvalCase(id, i + 1, map(in), m.get("reference"), m.containsKey("reference"),
          names(file, i + 1, m.get("trajectory"), "trajectory"), names(file, i + 1, m.get("path"), "path")));
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + ": the dataset has no cases");
    return new Datasets(out, List.of());
  }

  private static Datasets adk(Path file, Map<?, ?> set, String inputKey) {
    if (!(set.get("eval_cases") instanceof List<?> cases)) throw bad(file, 0, "'eval_cases' must be a list");
    List<EvalCase> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (!(cases.get(i) instanceof Map<?, ?> c) || !(c.get("conversation") instanceof List<?> conv) || conv.isEmpty()
          || !(conv.get(0) instanceof Map<?, ?> turn)) {
        throw bad(file, i, "eval_cases[" + i + "] has no conversation");
      }
      String id = c.get("eval_id") == null ? "case-" + i : String.valueOf(c.get("eval_id"));
      if (conv.size() > 1) warnings.add("eval case '" + id + "' has " + conv.size() + " turns; only the first is run");
      Map<String, Object> input = new LinkedHashMap<>();
      if (c.get("session_input") instanceof Map<?, ?> si && si.get("state") instanceof Map<?, ?> st) input.putAll(map(st));
      input.put(inputKey, text(turn.get("user_content")));
      boolean hasRef = turn.get("final_response") instanceof Map;
      List<String> traj = null;
      if (turn.get("intermediate_data") instanceof Map<?, ?> idata && idata.get("tool_uses") instanceof List<?> uses) {
        traj = new ArrayList<>();
        for (Object u : uses) if (u instanceof Map<?, ?> um) traj.add(String.valueOf(um.get("name")));
      }
      out.add(new EvalCase(id, i, input, hasRef ? text(turn.get("final_response")) : null, hasRef, traj, null));
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + ": the eval set has no cases");
    return new Datasets(out, warnings);
  }

  /** The text parts of a genai Content ({@code {"role", "parts": [{"text"}...]}}), joined. */
  private static String text(Object content) {
    StringBuilder b = new StringBuilder();
    if (content instanceof Map<?, ?> m && m.get("parts") instanceof List<?> parts) {
      for (Object p : parts) if (p instanceof Map<?, ?> pm && pm.get("text") != null) b.append(pm.get("text"));
    }
    return b.toString();
  }

  private static List<String> names(Path file, int line, Object v, String key) {
    if (v == null) return null;
    if (!(v instanceof List<?> l)) throw bad(file, line, "'" + key + "' must be a list of names");
    List<String> out = new ArrayList<>();
    for (Object o : l) out.add(o instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : String.valueOf(o));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<?, ?> m) {
    return new LinkedHashMap<>((Map<String, Object>) m);
  }

  private static IllegalArgumentException bad(Path file, int line, String what) {
    return new IllegalArgumentException(file + (line > 0 ? ":" + line : "") + ": " + what);
  }
}
