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
 * skipped, with the quoting rules of the {@link SqlDialect} (PostgreSQL dollar quotes and
 * {@code E'...'} strings, SQLite {@code [identifiers]}). {@link #readOnlyProblem()} is a friendly
 * early error at compile time only: the database enforces read-only tools (see {@link SqlGuard}).
 *
 * <pre>{@code
 * SqlText q = SqlText.parse("SELECT * FROM t WHERE id = :id AND name <> ':x'", SqlDialect.OTHER);
 * q.jdbc();   // "SELECT * FROM t WHERE id = ? AND name <> ':x'"
 * q.params(); // [id]
 * }</pre>
 */
record SqlText(String jdbc, List<String> params, String skeleton, boolean unterminated) {
  private static final Set<String> READ = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW");
  private static final Pattern WRITE_WORDS = Pattern.compile(
      "\\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|CALL|EXEC|EXECUTE|INTO|COPY|ATTACH|PRAGMA|LOCK)\\b");
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_\\u0080-\\uffff][A-Za-z0-9_\\u0080-\\uffff]*)?\\$");

  static SqlText parse(String sql, SqlDialect dialect) {
    return new Lexer(sql, dialect).run();
  }

  /** Null when the statement is a single query (SELECT, WITH ... SELECT, VALUES, TABLE, SHOW); else why not. */
  String readOnlyProblem() {
    if (unterminated) return "it has an unterminated quote or comment";
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

  /** One pass over the text: literals and comments copied to {@code out}, blanked in {@code skel}. */
  private static final class Lexer {
    final String sql;
    final SqlDialect dialect;
    final int n;
    final StringBuilder out = new StringBuilder();
    final StringBuilder skel = new StringBuilder(); // the statement without literals and comments
    final List<String> params = new ArrayList<>();
    boolean unterminated;
    int i;

    Lexer(String sql, SqlDialect dialect) {
      this.sql = sql;
      this.dialect = dialect;
      this.n = sql.length();
    }

    SqlText run() {
      while (i < n) {
        char c = sql.charAt(i);
        char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
        boolean pg = dialect == SqlDialect.POSTGRES;
        if (c == '\'') {
          boolean backslashes = pg && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
              && (i < 2 || !identifierChar(sql.charAt(i - 2)));
          literal(quoted(i, '\'', backslashes), " '' ");
        } else if (c == '"' || (c == '`' && !pg)) {
          literal(quoted(i, c, false), " \"\" ");
        } else if (c == '[' && dialect == SqlDialect.SQLITE) {
          int j = sql.indexOf(']', i + 1);
          literal(j < 0 ? open() : j + 1, " \"\" ");
        } else if (c == '$' && pg && (i == 0 || !identifierChar(sql.charAt(i - 1))) && dollarTag() != null) {
          String tag = dollarTag();
          int j = sql.indexOf(tag, i + tag.length());
          literal(j < 0 ? open() : j + tag.length(), " '' ");
        } else if (c == '-' && next == '-') {
          int j = sql.indexOf('\n', i);
          literal(j < 0 ? n : j, " ");
        } else if (c == '/' && next == '*') {
          literal(blockComment(), " ");
        } else if (c == ':' && next == ':') {
          plain("::", 2);
        } else if (c == ':' && (Character.isLetter(next) || next == '_')) {
          int j = i + 1;
          while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
          params.add(sql.substring(i + 1, j));
          out.append('?');
          skel.append('?');
          i = j;
        } else {
          plain(String.valueOf(c), 1);
        }
      }
      return new SqlText(out.toString(), List.copyOf(params), skel.toString(), unterminated);
    }

    /** The end of a quoted token starting at {@code start}: a doubled quote is an escape, as is a backslash when asked. */
    private int quoted(int start, char q, boolean backslashes) {
      int j = start + 1;
      while (j < n) {
        char c = sql.charAt(j);
        if (backslashes && c == '\\') {
          j += 2;
        } else if (c == q) {
          if (j + 1 < n && sql.charAt(j + 1) == q) j += 2;
          else return j + 1;
        } else {
          j++;
        }
      }
      return open();
    }

    /** The end of a block comment; PostgreSQL nests them. */
    private int blockComment() {
      int depth = 0;
      int j = i;
      while (j < n) {
        if (sql.startsWith("/*", j)) {
          depth++;
          j += 2;
          if (dialect != SqlDialect.POSTGRES && depth > 1) depth = 1;
        } else if (sql.startsWith("*/", j)) {
          j += 2;
          if (--depth == 0) return j;
        } else {
          j++;
        }
      }
      return open();
    }

    private String dollarTag() {
      Matcher m = DOLLAR_TAG.matcher(sql).region(i, n);
      return m.lookingAt() ? m.group() : null;
    }

    private int open() {
      unterminated = true;
      return n;
    }

    private void literal(int end, String blank) {
      out.append(sql, i, end);
      skel.append(blank);
      i = end;
    }

    private void plain(String s, int len) {
      out.append(s);
      skel.append(s);
      i += len;
    }

    private static boolean identifierChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
  }
}
