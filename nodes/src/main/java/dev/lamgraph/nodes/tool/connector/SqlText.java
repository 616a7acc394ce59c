package dev.lamgraph.nodes.tool.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL statement with named {@code :param} placeholders, rewritten to JDBC {@code ?} markers (so
 * values are always bound, never spliced into the text). Quotes, comments and {@code ::} casts are
 * skipped. {@link #readOnlyProblem()} tells whether the statement may run on a read-only tool.
 *
 * <pre>{@code
 * SqlText q = SqlText.parse("SELECT * FROM t WHERE id = :id AND name <> ':x'");
 * q.jdbc();   // "SELECT * FROM t WHERE id = ? AND name <> ':x'"
 * q.params(); // [id]
 * }</pre>
 */
record SqlText(String jdbc, List<String> params, String skeleton) {
  private static final Set<String> READ = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW");
  private static final Pattern WRITE_WORDS = Pattern.compile(
      "\\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|CALL|EXEC|EXECUTE|INTO|COPY|ATTACH|PRAGMA|LOCK)\\b");

  static SqlText parse(String sql) {
    StringBuilder out = new StringBuilder();
    StringBuilder skel = new StringBuilder(); // the statement without literals and comments
    List<String> params = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n && !(sql.charAt(j) == c && (j + 1 >= n || sql.charAt(j + 1) != c))) j += sql.charAt(j) == c ? 2 : 1;
        j = Math.min(n, j + 1);
        out.append(sql, i, j);
        skel.append(c == '\'' ? " '' " : " \"\" ");
        i = j;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int j = sql.indexOf('\n', i);
        j = j < 0 ? n : j;
        out.append(sql, i, j);
        skel.append(' ');
        i = j;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        j = j < 0 ? n : j + 2;
        out.append(sql, i, j);
        skel.append(' ');
        i = j;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.append("::");
        skel.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < n && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
        params.add(sql.substring(i + 1, j));
        out.append('?');
        skel.append('?');
        i = j;
      } else {
        out.append(c);
        skel.append(c);
        i++;
      }
    }
    return new SqlText(out.toString(), List.copyOf(params), skel.toString());
  }

  /** Null when the statement is a single query (SELECT, WITH ... SELECT, VALUES, TABLE, SHOW); else why not. */
  String readOnlyProblem() {
    String s = skeleton.strip();
    while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
    if (s.contains(";")) return "it holds more than one statement";
    String upper = s.toUpperCase(Locale.ROOT);
    while (upper.startsWith("(")) upper = upper.substring(1).strip();
    String first = upper.split("[\\s(]+", 2)[0];
    if (!READ.contains(first)) return "it is a " + first + " statement, not a query";
    Matcher m = WRITE_WORDS.matcher(upper);
    if (m.find()) return "it contains " + m.group(1);
    return null;
  }
}
