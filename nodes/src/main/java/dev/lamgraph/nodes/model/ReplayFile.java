package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file of recorded request/response pairs. Format ({@code lamgraph-replay/1}):
 *
 * <pre>{@code
 * {"format": "lamgraph-replay/1",
 *  "entries": [{"key": "sha256:...", "request": {model, temperature, max_tokens, messages, tools, response_schema},
 *               "response": {"text": "...", "tool_calls": [{"id", "name", "arguments"}],
 *                            "input_tokens": 12, "output_tokens": 3, "finish_reason": "stop"}}]}
 * }</pre>
 *
 * Entries with the same key answer in recorded order; the last one repeats once they are used up.
 * Recording appends each new pair and rewrites the file atomically, so an interrupted run keeps what
 * it recorded; secrets are redacted before writing.
 */
final class ReplayFile {
  static final String FORMAT = "lamgraph-replay/1";
  private final Path path;
  private final List<Map<String, Object>> entries;
  private final Map<String, Integer> served = new HashMap<>();

  private ReplayFile(Path path, List<Map<String, Object>> entries) {
    this.path = path;
    this.entries = entries;
  }

  Path path() {
    return path;
  }

  /** Reads a file (an absent file reads as empty when {@code mayBeAbsent}); one-line errors. */
  @SuppressWarnings("unchecked")
  static ReplayFile load(Path path, boolean mayBeAbsent) {
    if (!Files.exists(path)) {
      if (mayBeAbsent) return new ReplayFile(path, new ArrayList<>());
      throw new IllegalArgumentException("replay file " + path + " does not exist; record one with LAM_RECORD=" + path);
    }
    try {
      Map<String, Object> root = Json.readMap(Files.readString(path));
      if (!FORMAT.equals(root.get("format")) || !(root.get("entries") instanceof List<?> list)) {
        throw new IllegalArgumentException("replay file " + path + " is not a " + FORMAT + " file (needs \"format\" and \"entries\")");
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object o : list) out.add((Map<String, Object>) o);
      return new ReplayFile(path, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read replay file " + path + ": " + e.getMessage(), e);
    }
  }

  synchronized int size() {
    return entries.size();
  }

  /** The next recorded answer for {@code key}, if any. */
  @SuppressWarnings("unchecked")
  synchronized Optional<ModelResponse> answer(String key) {
    List<Map<String, Object>> hits = entries.stream().filter(e -> key.equals(e.get("key"))).toList();
    if (hits.isEmpty()) return Optional.empty();
    int i = served.merge(key, 1, Integer::sum) - 1;
    Map<String, Object> r = (Map<String, Object>) hits.get(Math.min(i, hits.size() - 1)).get("response");
    List<ModelMessage.ToolCall> calls = new ArrayList<>();
    if (r.get("tool_calls") instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> c = (Map<String, Object>) o;
        calls.add(new ModelMessage.ToolCall((String) c.get("id"), (String) c.get("name"), (String) c.get("arguments")));
      }
    }
    return Optional.of(new ModelResponse((String) r.get("text"), calls, num(r.get("input_tokens")), num(r.get("output_tokens")),
        (String) r.get("finish_reason")));
  }

  /** Appends a pair (unless the same pair is already recorded) and saves the file. */
  @SuppressWarnings("unchecked")
  synchronized void record(String key, Map<String, Object> request, ModelResponse response, Redactor secrets) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("text", response.text());
    List<Object> calls = new ArrayList<>();
    for (ModelMessage.ToolCall c : response.toolCalls()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("name", c.name());
      m.put("arguments", c.arguments());
      calls.add(m);
    }
    r.put("tool_calls", calls);
    r.put("input_tokens", response.inputTokens());
    r.put("output_tokens", response.outputTokens());
    r.put("finish_reason", response.finishReason());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("key", key);
    e.put("request", secrets.redactValue(request));
    e.put("response", secrets.redactValue(r));
    Map<String, Object> plain = (Map<String, Object>) Json.read(Json.write(e));
    if (entries.contains(plain)) return;
    entries.add(plain);
    save();
  }

  private void save() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("entries", entries);
    try {
      Path abs = path.toAbsolutePath();
      if (abs.getParent() != null) Files.createDirectories(abs.getParent());
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      Files.writeString(tmp, RequestKey.pretty(root) + "\n");
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write replay file " + path + ": " + ex.getMessage(), ex);
    }
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
