package dev.lamgraph.nodes.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lamgraph.engine.util.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stable identity of a request, used as the key of replay files: the request normalised
 * (model settings, messages, tools, response schema; tool-call ids, provider, URL and key left
 * out; attachments by MIME type, size and SHA-256 of their bytes, never the bytes; line endings
 * unified; tool arguments and tool results that are JSON compared as JSON, with sorted keys), then
 * hashed with SHA-256.
 *
 * <pre>{@code
 * Map<String, Object> n = RequestKey.normalize(config, request);
 * String key = RequestKey.hash(n);   // "sha256:5f1c..."
 * }</pre>
 */
final class RequestKey {
  private static final ObjectMapper CANONICAL = Json.MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final ObjectMapper PRETTY = CANONICAL.copy().enable(SerializationFeature.INDENT_OUTPUT);

  private RequestKey() {}

  static Map<String, Object> normalize(ModelConfig c, ModelRequest r) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("model", c.model());
    n.put("temperature", c.temperature());
    n.put("max_tokens", c.maxTokens());
    List<Object> msgs = new ArrayList<>();
    for (ModelMessage m : r.messages()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("role", m.role());
      x.put("text", "tool".equals(m.role()) ? arguments(text(m.text())) : text(m.text()));
      if (!m.toolCalls().isEmpty()) {
        List<Object> calls = new ArrayList<>();
        for (ModelMessage.ToolCall t : m.toolCalls()) {
          Map<String, Object> call = new LinkedHashMap<>();
          call.put("name", t.name());
          call.put("arguments", arguments(t.arguments()));
          calls.add(call);
        }
        x.put("tool_calls", calls);
      }
      if (m.toolName() != null) x.put("tool", m.toolName());
      if (!m.attachments().isEmpty()) { // by content hash: the bytes never enter the key or the replay file
        List<Object> parts = new ArrayList<>();
        for (Attachment a : m.attachments()) {
          Map<String, Object> part = new LinkedHashMap<>();
          part.put("mime_type", a.mimeType());
          part.put("sha256", a.sha256());
          part.put("bytes", (long) a.size());
          parts.add(part);
        }
        x.put("attachments", parts);
      }
      msgs.add(x);
    }
    n.put("messages", msgs);
    List<Object> tools = new ArrayList<>();
    for (ToolSpec t : r.tools()) {
      tools.add(Map.of("name", t.name(), "description", String.valueOf(t.description()), "parameters", t.parameters()));
    }
    n.put("tools", tools);
    n.put("response_schema", r.responseSchema());
    return n;
  }

  static String hash(Map<String, Object> normalized) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical(normalized).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request is not JSON-shaped: " + e.getOriginalMessage(), e);
    }
  }

  /** Indented JSON with sorted keys (replay files: the same pairs always give the same bytes). */
  static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-shaped: " + e.getOriginalMessage(), e);
    }
  }

  /** A one-line preview for error messages: message count and the last user text, clipped. */
  @SuppressWarnings("unchecked")
  static String preview(Map<String, Object> normalized) {
    List<Object> msgs = (List<Object>) normalized.get("messages");
    String last = "";
    for (Object o : msgs) {
      Map<String, Object> m = (Map<String, Object>) o;
      if ("user".equals(m.get("role")) || "tool".equals(m.get("role"))) last = m.get("role") + ": " + m.get("text");
    }
    last = last.replaceAll("\\s+", " ");
    if (last.length() > 100) last = last.substring(0, 100) + "…";
    return "model " + normalized.get("model") + ", " + msgs.size() + " messages, last " + last;
  }

  private static String text(String s) {
    return s == null ? null : s.replace("\r\n", "\n");
  }

  /** JSON text as a value (serialised with sorted keys) when it parses, else the raw text. */
  private static Object arguments(String json) {
    if (json == null) return null;
    try {
      return Json.read(json);
    } catch (IllegalArgumentException e) {
      return json;
    }
  }
}
