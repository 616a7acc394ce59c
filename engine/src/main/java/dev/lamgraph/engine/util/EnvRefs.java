package dev.lamgraph.engine.util;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} references in configuration values (API keys, tokens, URLs)
 * against an environment the caller hands in (a compile's {@code CompileContext.env()}, never the
 * process's). Resolved secrets go to the caller's sink, normally the session's redactor, so they
 * never reach a trace or a log line in plaintext.
 *
 * <pre>{@code
 * String key = EnvRefs.resolve("${env:OPENAI_API_KEY}", ctx.env(), ctx.redactor()::addSecret, "models.default.api_key");
 * String url = EnvRefs.resolve("${env:BASE_URL}", ctx.env(), null, "models.default.base_url"); // not a secret
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
   * @param secrets receives each resolved value when they are secrets (for redaction); null when not
   * @param where what needs it, for the error message
   */
  public static String resolve(String value, Map<String, String> env, Consumer<String> secrets, String where) {
    if (value == null) return null;
    Matcher m = REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null || v.isEmpty()) throw new MissingEnvException(m.group(1), where);
      if (secrets != null) secrets.accept(v);
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
