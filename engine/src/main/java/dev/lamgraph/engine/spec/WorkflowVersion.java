package dev.lamgraph.engine.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which workflow a thread runs: the SHA-256 of the exact YAML text it started with (or was
 * migrated to), and the readable label of its optional top-level {@code version:} field. A thread
 * keeps that text ({@code ThreadInfo.source}), so both are derived from it and never drift.
 *
 * <pre>{@code
 * WorkflowVersion v = WorkflowVersion.of("name: triage\nversion: 3\n...");
 * v.label();   // "3 (sha256:9f86d081884c)"
 * }</pre>
 *
 * @param hash the full hex SHA-256 of the text (null when there is no text)
 * @param version the {@code version:} value as written (quotes removed), or null
 */
public record WorkflowVersion(String hash, String version) {
  private static final Pattern VERSION = Pattern.compile(
      "^version:[ \\t]*(?:\"([^\"\\n]*)\"|'([^'\\n]*)'|([^#\\n]*?))[ \\t]*(?:#.*)?$", Pattern.MULTILINE);

  /** The version of a workflow text (null text: no hash, no version). */
  public static WorkflowVersion of(String source) {
    if (source == null) return new WorkflowVersion(null, null);
    String version = null;
    Matcher m = VERSION.matcher(source);
    if (m.find()) {
      version = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (version.isEmpty()) version = null;
    }
    return new WorkflowVersion(sha256(source), version);
  }

  /** The first 12 hex digits of the hash, as shown. */
  public String shortHash() {
    return hash == null ? "" : hash.substring(0, 12);
  }

  /** {@code 3 (sha256:9f86d081884c)}, or {@code sha256:9f86d081884c} without a version, or {@code -}. */
  public String label() {
    if (hash == null) return "-";
    return version == null ? "sha256:" + shortHash() : version + " (sha256:" + shortHash() + ")";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
