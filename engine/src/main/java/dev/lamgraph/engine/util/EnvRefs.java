package dev.lamgraph.engine.util;

import dev.lamgraph.engine.trace.Redactor;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} references in configuration values (API keys, tokens, URLs).
 * Resolved secrets are registered with {@link Redactor#global()}, so they never reach a
 * checkpoint, a trace or a log line.
 *
 * <pre>{@code
 * String key = EnvRefs.resolve("${env:OPENAI_API_KEY}", System.getenv(), true, "models.default.api_key");
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

  /**
   * Replaces each {@code ${env:NAME}} with the variable's value.
   *
   * @param secret register the resolved values for redaction
   * @param where what needs it, for the error message
   */
  public static String resolve(String value, Map<String, String> env, boolean secret, String where) {
    if (value == null) return null;
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null || v.isEmpty()) throw new MissingEnvException(m.group(1), where);
      if (secret) Redactor.global().addSecret(v);
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
