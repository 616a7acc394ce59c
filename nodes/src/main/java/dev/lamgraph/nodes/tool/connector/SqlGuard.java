package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ToolException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * Read-only {@code sql} tools are enforced by the database, not by reading the SQL text:
 * <ul>
 *   <li>PostgreSQL: the session's transactions are read-only ({@code SET SESSION CHARACTERISTICS AS
 *       TRANSACTION READ ONLY}), each call runs in a {@code READ ONLY} transaction that is rolled back,
 *       the statement goes through the extended protocol as one statement (pgjdbc's own parser counts
 *       what it would send; the server refuses several commands in one Parse message), and a role that
 *       is a superuser or holds a server power ({@link #SERVER_POWERS}) is refused unless
 *       {@code allow_superuser: true}: such a role can run programs ({@code COPY ... TO PROGRAM}),
 *       write or read server files and end other sessions inside a read-only transaction.</li>
 *   <li>SQLite: the file is opened read-only, with no attached databases (which also stops
 *       {@code VACUUM INTO}, a write even on a read-only connection) and no extension loading;
 *       these connection properties win over the URL's parameters. The driver runs the first
 *       statement of the text only.</li>
 *   <li>Other drivers: {@link Connection#setReadOnly} (how much it enforces is the driver's
 *       business) and a rollback.</li>
 * </ul>
 *
 * <pre>{@code
 * Properties p = new Properties();
 * SqlGuard.readOnlyProperties(SqlDialect.SQLITE, p);
 * try (Connection c = DriverManager.getConnection(url, p)) {
 *   SqlGuard.enter(c, SqlDialect.SQLITE, "SELECT v FROM kv WHERE k = ?", false, "kv");
 *   ... run the statement, then c.rollback()
 * }
 * }</pre>
 */
final class SqlGuard {
  /** Predefined PostgreSQL roles that reach outside the database (or into other sessions). */
  static final List<String> SERVER_POWERS =
      List.of("pg_execute_server_program", "pg_write_server_files", "pg_read_server_files", "pg_signal_backend");

  private SqlGuard() {}

  /** Connection properties of a read-only tool. */
  static void readOnlyProperties(SqlDialect dialect, Properties p) {
    switch (dialect) {
      case SQLITE -> {
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        p.setProperty("limit_attached", "0"); // no ATTACH, no VACUUM INTO
        p.setProperty("enable_load_extension", "false");
      }
      case POSTGRES -> p.setProperty("preferQueryMode", "extended");
      case OTHER -> { }
    }
  }

  /**
   * Puts a fresh connection into a read-only transaction for one call of {@code jdbc}; the caller
   * rolls it back. Throws {@code refused} when the database cannot guarantee that.
   */
  static void enter(Connection c, SqlDialect dialect, String jdbc, boolean allowSuperuser, String tool)
      throws SQLException, ToolException {
    if (dialect != SqlDialect.POSTGRES) {
      c.setAutoCommit(false);
      try {
        c.setReadOnly(true);
      } catch (SQLException e) {
        // drivers that fix the mode at open (SQLite) were opened read-only
      }
      return;
    }
    if (c.unwrap(PGConnection.class).getPreferQueryMode() == PreferQueryMode.SIMPLE) {
      throw ToolException.refused("tool '" + tool + "' is read-only but its URL sets preferQueryMode=simple, which sends"
          + " several statements at once; remove it");
    }
    try (Statement st = c.createStatement()) {
      st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"); // every later transaction too
    }
    c.setAutoCommit(false);
    c.setReadOnly(true); // pgjdbc: BEGIN READ ONLY
    List<String> powers = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION READ ONLY");
      try (ResultSet rs = st.executeQuery("SELECT current_setting('transaction_read_only'), current_user")) {
        rs.next();
        if (!"on".equals(rs.getString(1))) {
          throw ToolException.refused("tool '" + tool + "' is read-only but the database did not start a read-only transaction");
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT r.rolname, r.rolsuper FROM pg_roles r"
          + " WHERE pg_has_role(current_user, r.oid, 'MEMBER') AND (r.rolsuper OR r.rolname IN ('"
          + String.join("', '", SERVER_POWERS) + "')) ORDER BY r.rolsuper DESC, r.rolname")) {
        while (rs.next()) powers.add(rs.getBoolean(2) ? "superuser '" + rs.getString(1) + "'" : rs.getString(1));
      }
    }
    if (!powers.isEmpty() && !allowSuperuser) {
      throw ToolException.refused("tool '" + tool + "' is read-only but its database role " + (powers.get(0).startsWith("superuser")
          ? "is or can become " + powers.get(0) : "holds " + String.join(", ", powers))
          + ", which can run programs, touch server files or end sessions even in a read-only transaction;"
          + " connect as a role without these powers, or set allow_superuser: true");
    }
    int statements = statements(c, jdbc);
    if (statements != 1) {
      throw ToolException.refused("tool '" + tool + "' is read-only but its query holds " + statements
          + " statements as the PostgreSQL driver reads it; a read-only tool runs exactly one");
    }
  }

  /** How many statements pgjdbc would send for this text (it splits on the semicolons it sees). */
  static int statements(Connection c, String jdbc) throws SQLException {
    boolean standard = c.unwrap(BaseConnection.class).getStandardConformingStrings();
    List<NativeQuery> qs = Parser.parseJdbcSql(jdbc, standard, true, true, false, false);
    return (int) qs.stream().filter(q -> !q.nativeSql.isBlank()).count();
  }
}
