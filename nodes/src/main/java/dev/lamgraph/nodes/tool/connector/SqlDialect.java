package dev.lamgraph.nodes.tool.connector;

/**
 * The SQL dialect of a JDBC URL, for the lexical rules that differ between databases: PostgreSQL
 * has dollar quotes ({@code $tag$...$tag$}), {@code E'...'} strings with backslash escapes and
 * nested block comments; SQLite quotes identifiers in {@code [brackets]}.
 *
 * <pre>{@code
 * SqlDialect.of("jdbc:postgresql://127.0.0.1/shop"); // POSTGRES
 * }</pre>
 */
enum SqlDialect {
  POSTGRES,
  SQLITE,
  OTHER;

  static SqlDialect of(String url) {
    if (url.startsWith("jdbc:postgresql:")) return POSTGRES;
    if (url.startsWith("jdbc:sqlite:")) return SQLITE;
    return OTHER;
  }
}
