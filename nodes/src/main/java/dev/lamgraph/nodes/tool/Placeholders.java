package dev.lamgraph.nodes.tool;

import dev.lamgraph.engine.util.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {arg}} placeholders in connector templates (URLs, argv elements, JSON bodies). A value is
 * always substituted as data through an encoder, never re-parsed: a URL gets it percent-encoded,
 * an argv element gets it verbatim as (part of) one argument.
 *
 * <pre>{@code
 * Placeholders.fill("/users/{id}", Map.of("id", "a b/c"), Placeholders::urlEncode); // "/users/a%20b%2Fc"
 * }</pre>
 */
public final class Placeholders {
  private static final Pattern P = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
  /** Schema of a placeholder argument when the tool declares no {@code parameters}. */
  public static final Map<String, Object> SCALAR = Map.of("type", List.of("string", "number", "integer", "boolean"));

  private Placeholders() {}

  /** The placeholder names in {@code template}, in order of first use. */
  public static Set<String> names(String template) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = P.matcher(template);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** The placeholder names anywhere in a JSON-shaped template (strings in maps and lists). */
  public static Set<String> namesIn(Object template) {
    Set<String> out = new LinkedHashSet<>();
    if (template instanceof String s) out.addAll(names(s));
    if (template instanceof Map<?, ?> m) m.values().forEach(v -> out.addAll(namesIn(v)));
    if (template instanceof List<?> l) l.forEach(v -> out.addAll(namesIn(v)));
    return out;
  }

  /** True when {@code s} is exactly one placeholder, e.g. {@code "{path}"}. */
  public static String whole(String s) {
    Matcher m = P.matcher(s);
    return m.matches() ? m.group(1) : null;
  }

  /** Replaces each placeholder with its argument, as text passed through {@code encode}. */
  public static String fill(String template, Map<String, Object> args, UnaryOperator<String> encode) throws ToolException {
    Matcher m = P.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(encode.apply(text(m.group(1), args))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Fills a JSON-shaped template: a string that is exactly {@code "{x}"} becomes the argument's value
   * (keeping its JSON type); other strings get the arguments' text.
   */
  public static Object fillJson(Object template, Map<String, Object> args) throws ToolException {
    if (template instanceof String s) {
      String whole = whole(s);
      if (whole != null) {
        if (!args.containsKey(whole)) throw missing(whole);
        return args.get(whole);
      }
      return fill(s, args, UnaryOperator.identity());
    }
    if (template instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (var e : m.entrySet()) out.put(String.valueOf(e.getKey()), fillJson(e.getValue(), args));
      return out;
    }
    if (template instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(fillJson(o, args));
      return out;
    }
    return template;
  }

  /** The argument as text: strings verbatim, numbers and booleans as JSON, objects as JSON text. */
  public static String text(String name, Map<String, Object> args) throws ToolException {
    Object v = args.get(name);
    if (v == null) throw missing(name);
    if (v instanceof String s) return s;
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf(d.longValue());
    return v instanceof Number || v instanceof Boolean ? String.valueOf(v) : Json.write(v);
  }

  /** Percent-encodes for any part of a URL (space as %20, '/' and '?' encoded too). */
  public static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A parameters schema requiring every placeholder as a scalar; no other keys allowed. */
  public static String schemaFor(Set<String> names) {
    return schemaFor(names, false);
  }

  /** As {@link #schemaFor(Set)}; {@code open} allows other keys too (e.g. sent as a request body). */
  public static String schemaFor(Set<String> names, boolean open) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (String n : names) props.put(n, SCALAR);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", props);
    s.put("required", List.copyOf(names));
    s.put("additionalProperties", open);
    return Json.write(s);
  }

  private static ToolException missing(String name) {
    return ToolException.of("invalid_arguments", "missing argument '" + name + "'");
  }
}
