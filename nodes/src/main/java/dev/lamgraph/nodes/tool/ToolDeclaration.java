package dev.lamgraph.nodes.tool;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.EnvRefs;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the {@code tools:} section, as a connector sees it: its name, its config with
 * positions, and the compile context (whose environment {@code ${env:NAME}} references read).
 * Accessors read the common keys; {@link #error} reports a problem at a key's value.
 *
 * <pre>{@code
 * Duration t = decl.timeout();                                  // `timeout: 10s`, default 30s
 * Optional<String> auth = decl.secret("token");                 // "${env:TOKEN}" resolved and redacted
 * decl.error(NodesCodes.HTTP_HOST_NOT_ALLOWED, "url", "host 'x' is not in allow_hosts; allowed: a, b");
 * }</pre>
 */
public record ToolDeclaration(String name, String type, YNode.YMap config, CompileContext compile) {
  private static final Pattern SIZE = Pattern.compile("^([0-9]+)(B|KB|KiB|MB|MiB|GB|GiB)$");

  /** The environment of the compile ({@link CompileContext#env()}): {@code ${env:NAME}}, {@code LAM_SANDBOX}, {@code PATH}. */
  public Map<String, String> env() {
    return compile.env();
  }

  public Problems problems() {
    return compile.problems();
  }

  /** "tool 'NAME' (type TYPE)", for messages. */
  public String what() {
    return "tool '" + name + "' (type " + type + ")";
  }

  public String description() {
    return config.string("description").orElse("");
  }

  public Duration timeout() {
    return config.string("timeout").flatMap(Durations::parse).orElse(Duration.ofSeconds(30));
  }

  public Set<String> needs() {
    return new LinkedHashSet<>(strings("needs"));
  }

  public Set<String> gives() {
    return new LinkedHashSet<>(strings("gives"));
  }

  /** The {@code parameters:} JSON Schema as JSON text, if written (checked to be a valid schema). */
  public Optional<String> parameters() {
    Optional<YNode> p = config.get("parameters");
    if (p.isEmpty()) return Optional.empty();
    Problems local = new Problems();
    SchemaCheck.checkSchemaDocument(p.get(), what() + " parameters", NodesCodes.TOOL_PARAMETERS, local);
    local.list().forEach(problems()::add);
    return local.hasErrors() ? Optional.empty() : Optional.of(Json.write(p.get().plain()));
  }

  /**
   * The arguments schema of a template-driven tool: {@code parameters:} when written (each
   * placeholder must be one of its properties, else {@code TOOL_PLACEHOLDER_UNKNOWN} at {@code key}),
   * otherwise one derived from the placeholders (each a required scalar).
   */
  public Optional<String> parametersFor(Set<String> placeholders, String key) {
    if (config.get("parameters").isEmpty()) return Optional.of(Placeholders.schemaFor(placeholders));
    Optional<String> p = parameters();
    if (p.isEmpty()) return p;
    Object props = Json.readMap(p.get()).get("properties");
    Set<String> known = props instanceof Map<?, ?> m ? new LinkedHashSet<>(m.keySet().stream().map(String::valueOf).toList()) : Set.of();
    boolean ok = true;
    for (String n : placeholders) {
      if (!known.contains(n)) {
        error(NodesCodes.TOOL_PLACEHOLDER_UNKNOWN, key, "placeholder {" + n + "} is not a property of parameters; properties: "
            + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        ok = false;
      }
    }
    return ok ? p : Optional.empty();
  }

  public Optional<YNode> get(String key) {
    return config.get(key);
  }

  public Optional<String> string(String key) {
    return config.string(key);
  }

  public boolean bool(String key, boolean dflt) {
    return config.get(key).map(YNode::plain).filter(Boolean.class::isInstance).map(Boolean.class::cast).orElse(dflt);
  }

  public long integer(String key, long dflt) {
    return config.get(key).map(YNode::plain).filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).orElse(dflt);
  }

  /** A list of strings (empty when absent). */
  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    if (config.get(key).orElse(null) instanceof YNode.YList l) {
      for (YNode n : l.items()) if (n.plain() instanceof String s) out.add(s);
    }
    return out;
  }

  /** A map of strings (empty when absent), e.g. headers. */
  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (config.get(key).orElse(null) instanceof YNode.YMap m) {
      m.entries().forEach((k, e) -> out.put(k, e.value().plain() == null ? "" : String.valueOf(e.value().plain())));
    }
    return out;
  }

  /** A size ({@code 65536}, {@code 64KiB}, {@code 1MiB}) in bytes. */
  public long size(String key, long dflt) {
    Object v = config.get(key).map(YNode::plain).orElse(null);
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s) {
      Matcher m = SIZE.matcher(s);
      if (m.matches()) {
        long k = switch (m.group(2)) {
          case "KB" -> 1000L;
          case "KiB" -> 1024L;
          case "MB" -> 1000_000L;
          case "MiB" -> 1L << 20;
          case "GB" -> 1000_000_000L;
          case "GiB" -> 1L << 30;
          default -> 1L;
        };
        return Long.parseLong(m.group(1)) * k;
      }
    }
    return dflt;
  }

  /** A path, relative ones resolved against the workflow file's directory. */
  public Optional<Path> path(String key) {
    return string(key).map(s -> compile.baseDir().resolve(s).normalize());
  }

  /**
   * Resolves {@code ${env:NAME}} references in {@code value} and registers the values as secrets
   * with the compile's redactor (masked in traces and output, sealed in the store); reports
   * {@code MISSING_ENV} at {@code key}. When the compile is for inspection only ({@link
   * CompileContext#envOptional()}) a missing variable is a warning and {@code value} is returned
   * unresolved (such a graph never runs).
   */
  public Optional<String> resolveSecret(String value, String key) {
    try {
      return Optional.of(EnvRefs.resolve(value, env(), compile.redactor()::addSecret, what() + " " + key));
    } catch (EnvRefs.MissingEnvException e) {
      if (compile.envOptional()) {
        problems().warning(NodesCodes.MISSING_ENV, key == null ? config.pos() : config.valuePos(key), what() + ": " + e.getMessage() + " (a run needs it)");
        return Optional.of(value);
      }
      error(NodesCodes.MISSING_ENV, key, e.getMessage());
      return Optional.empty();
    }
  }

  /** The value of a string key with {@code ${env:...}} resolved as a secret. */
  public Optional<String> secret(String key) {
    return string(key).flatMap(v -> resolveSecret(v, key));
  }

  /** Reports an error at the value of {@code key} (the entry when absent), prefixed with {@link #what()}. */
  public void error(String code, String key, String message) {
    problems().error(code, key == null ? config.pos() : config.valuePos(key), what() + ": " + message);
  }

  /** Reports an error at a position. */
  public void error(String code, Pos pos, String message) {
    problems().error(code, pos, what() + ": " + message);
  }
}
