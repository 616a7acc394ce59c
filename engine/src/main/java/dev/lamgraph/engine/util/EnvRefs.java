package dev.lamgraph.engine.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} references in configuration values (API keys, tokens, URLs).
 * The values of secrets are handed to a sink the caller gives (the run's redactor), so they never
 * reach a checkpoint, a trace or a log line; this package knows no redactor.
 *
 * <pre>{@code
 * String key = EnvRefs.resolve("${env:OPENAI_API_KEY}", env, redactor::addSecret, "models.default.api_key");
 * String url = EnvRefs.resolve("${env:OPENAI_BASE_URL}", env, "models.default.base_url");
 * }</pre>
 */
public final class EnvRefs {
  private static final Pattern REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private EnvRefs() {}

  /** Thrown when a referenced variable is not set; the message says exactly what to set. */
  public static final class MissingEnvException extends IllegalArgumentException {
    private final String variable;

    MissingEnvException(String variable, String where) {
      super("environment variable " + variable + " is not set (needed by " + where + "); set it, e.g. `export "
          + variable + "=...`");
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }

  public static boolean hasRefs(String value) {
    return value != null && REF.matcher(value).find();
  }

  /** The variables {@code value} refers to that {@code env} does not set (or sets empty), in order. */
  public static List<String> missing(String value, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    if (value == null) return out;
    Matcher m = REF.matcher(value);
    while (m.find()) {
      String v = env.get(m.group(1));
      if ((v == null || v.isEmpty()) && !out.contains(m.group(1))) out.add(m.group(1));
    }
    return out;
  }

  /** Replaces each {@code ${env:NAME}} with the variable's value; the values are not secret. */
  public static String resolve(String value, Map<String, String> env, String where) {
    return resolve(value, env, v -> {}, where);
  }

  /**
   * Replaces each {@code ${env:NAME}} with the variable's value.
   *
   * @param secrets receives each resolved value (to redact it) before it is returned
   * @param where what needs it, for the error message
   */
  public static String resolve(String value, Map<String, String> env, Consumer<String> secrets, String where) {
    if (value == null) return null;
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null || v.isEmpty()) throw new MissingEnvException(m.group(1), where);
      secrets.accept(v);
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
