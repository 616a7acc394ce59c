package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Chat messages in LangChain's dict shape and the {@code add_messages} reducer of a
 * {@code type: messages} channel (LangGraph's {@code add_messages}).
 *
 * <p>A message is {@code {type: human|ai|system|tool, content, id, name?, tool_calls?,
 * tool_call_id?}}; {@code role: user|assistant|system|tool} is accepted for {@code type} and a
 * bare string is a human message. Other keys (e.g. {@code response_metadata}) are kept. An update
 * is a message or a list of them: a message whose {@code id} is already in the list replaces it in
 * place, others are appended; {@code {type: remove, id: X}} removes message X ({@code id:
 * __remove_all__} clears the list). Missing ids are assigned deterministically (a name-based UUID
 * of the position and content), so rebuilding the state from checkpoints gives the same ids.
 *
 * <pre>{@code
 * Messages.add(list, List.of(Map.of("role", "user", "content", "hi")));  // appends {type: human, content: hi, id: ...}
 * Messages.add(list, Map.of("type", "remove", "id", "m1"));              // removes message m1
 * }</pre>
 */
public final class Messages {
  /** The {@code id} of a remove marker that clears the whole list (LangGraph's REMOVE_ALL_MESSAGES). */
  public static final String REMOVE_ALL = "__remove_all__";

  /** The message types, in their LangChain names. */
  public static final List<String> TYPES = List.of("human", "ai", "system", "tool");

  private static final Map<String, String> ALIASES = Map.of("user", "human", "assistant", "ai");

  private Messages() {}

  /** A message or a list of messages could not be read; the message says what is wrong. */
  public static final class BadMessage extends Exception {
    BadMessage(String message) {
      super(message);
    }
  }

  /**
   * Applies one update to {@code current} in place (id-based replace, append, remove markers).
   *
   * @throws BadMessage when an item is not a message (the list is then unchanged)
   */
  public static void add(List<Object> current, Object update) throws BadMessage {
    List<?> items = update instanceof List<?> l ? l : Collections.singletonList(update);
    List<Map<String, Object>> read = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) read.add(read(items.get(i), update instanceof List<?> ? " [" + i + "]" : ""));
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < current.size(); i++) {
      if (current.get(i) instanceof Map<?, ?> m && m.get("id") instanceof String id) index.put(id, i);
    }
    Set<String> removed = new java.util.HashSet<>();
    for (int i = 0; i < read.size(); i++) {
      Map<String, Object> m = read.get(i);
      String id = (String) m.get("id");
      if ("remove".equals(m.get("type"))) {
        if (REMOVE_ALL.equals(id)) {
          current.clear();
          index.clear();
          removed.clear();
        } else if (index.containsKey(id)) {
          removed.add(id);
        }
        continue;
      }
      if (id == null) {
        id = newId(current.size(), current.isEmpty() ? null : current.get(current.size() - 1), i, m, index.keySet());
        m.put("id", id);
      }
      Integer at = index.get(id);
      if (at != null) {
        current.set(at, m);
        removed.remove(id);
      } else {
        index.put(id, current.size());
        current.add(m);
      }
    }
    if (!removed.isEmpty()) current.removeIf(o -> o instanceof Map<?, ?> m && removed.contains(m.get("id")));
  }

  /** {@code value} (a list of messages) read into canonical messages with ids, as a new list. */
  public static List<Object> of(Object value) throws BadMessage {
    List<Object> out = new ArrayList<>();
    add(out, value == null ? List.of() : value);
    return out;
  }

  /** One message in canonical form (a new map; {@code o} is not modified). */
  static Map<String, Object> read(Object o, String where) throws BadMessage {
    if (o instanceof String s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "human");
      m.put("content", s);
      return m;
    }
    if (!(o instanceof Map<?, ?> in)) throw new BadMessage("a " + describe(o) + where + " (a message is an object or a string)");
    Object type = in.get("type");
    Object role = in.get("role");
    if (type == null) type = role;
    if (!(type instanceof String t)) throw new BadMessage("a message" + where + " without a string 'type' (or 'role')");
    t = ALIASES.getOrDefault(t, t);
    if (role != null && in.get("type") != null && !ALIASES.getOrDefault(String.valueOf(role), String.valueOf(role)).equals(t)) {
      throw new BadMessage("a message" + where + " with type '" + in.get("type") + "' but role '" + role + "'");
    }
    Object id = in.get("id");
    if (id != null && !(id instanceof String)) throw new BadMessage("a message" + where + " whose id is a " + describe(id) + ", not a string");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", t);
    if (t.equals("remove")) {
      if (id == null) throw new BadMessage("a remove marker" + where + " without the id of the message to remove");
      m.put("id", id);
      return m;
    }
    if (!TYPES.contains(t)) {
      throw new BadMessage("a message" + where + " of type '" + t + "' (known: human, ai, system, tool, remove; or role user, assistant)");
    }
    Object content = in.get("content");
    if (content == null && t.equals("ai")) content = "";
    if (!(content instanceof String || content instanceof List<?>)) {
      throw new BadMessage("a " + t + " message" + where + " whose content is " + (content == null ? "missing" : "a " + describe(content))
          + " (a string or a list of content blocks)");
    }
    m.put("content", Channel.deepCopy(content));
    if (id != null) m.put("id", id);
    if (in.get("tool_calls") != null) {
      if (!t.equals("ai")) throw new BadMessage("a " + t + " message" + where + " with tool_calls (only ai messages call tools)");
      m.put("tool_calls", toolCalls(in.get("tool_calls"), where));
    }
    if (t.equals("tool") && !(in.get("tool_call_id") instanceof String)) {
      throw new BadMessage("a tool message" + where + " without a string tool_call_id (the id of the call it answers)");
    }
    for (var e : in.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!m.containsKey(k) && !k.equals("role") && e.getValue() != null) m.put(k, Channel.deepCopy(e.getValue()));
    }
    return m;
  }

  private static List<Object> toolCalls(Object o, String where) throws BadMessage {
    if (!(o instanceof List<?> l)) throw new BadMessage("an ai message" + where + " whose tool_calls is not a list");
    List<Object> out = new ArrayList<>();
    for (Object c : l) {
      if (!(c instanceof Map<?, ?> call) || !(call.get("name") instanceof String name)) {
        throw new BadMessage("an ai message" + where + " with a tool call that is not {id, name, args}");
      }
      Object args = call.get("args") == null ? Map.of() : call.get("args");
      if (!(args instanceof Map<?, ?>)) throw new BadMessage("an ai message" + where + " with tool call '" + name + "' whose args is not an object");
      Map<String, Object> m = new LinkedHashMap<>();
      if (call.get("id") != null) m.put("id", String.valueOf(call.get("id")));
      m.put("name", name);
      m.put("args", Channel.deepCopy(args));
      out.add(m);
    }
    return out;
  }

  /** A name-based UUID of where the message lands and what it says: the same history gives the same ids. */
  private static String newId(int size, Object last, int i, Map<String, Object> m, Set<String> taken) {
    String lastId = last instanceof Map<?, ?> l ? String.valueOf(l.get("id")) : "";
    String seed = size + "|" + lastId + "|" + i + "|" + Json.write(m);
    String id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    for (int salt = 1; taken.contains(id); salt++) {
      id = UUID.nameUUIDFromBytes((seed + "|" + salt).getBytes(StandardCharsets.UTF_8)).toString();
    }
    return id;
  }

  private static String describe(Object o) {
    return dev.lamgraph.engine.spec.ValueType.describe(o);
  }
}
