package dev.lamgraph.engine.util;

/**
 * Text from outside (a thread id typed by a user, a tool's stderr) made safe for one line of a
 * terminal: control characters, line and paragraph separators and other invisible format
 * characters become escapes ({@code \n}, {@code \t}, {@code \u001b}), so a value can neither break
 * a line-oriented output nor drive the terminal with ANSI sequences.
 *
 * <pre>{@code
 * Printable.escape("boom\n\u001b[31mred")        // boom\n\u001b[31mred  (as visible backslashes)
 * Printable.clip("x".repeat(100_000), 40)        // 40 x's, then "… (100000 chars)"
 * }</pre>
 */
public final class Printable {
  private Printable() {}

  /** {@code s} with every control or invisible format character escaped; null stays null. */
  public static String escape(String s) {
    if (s == null) return null;
    int i = 0;
    while (i < s.length() && !unsafe(s.charAt(i))) i++;
    if (i == s.length()) return s; // the common case: nothing to escape, no copy
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /** {@link #escape escaped}, then cut to at most {@code max} characters, saying how long it was. */
  public static String clip(String s, int max) {
    if (s == null) return null;
    String e = escape(s);
    if (e.length() <= max) return e;
    return e.substring(0, max) + "… (" + s.length() + " chars)";
  }

  /** Whether {@code c} would break a line or act on a terminal rather than print. */
  public static boolean unsafe(char c) {
    if (c < 0x20 || c == 0x7f) return true;
    if (c < 0x80) return false;
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
