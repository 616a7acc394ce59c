package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a read-only {@code sql} tool over a real SQLite file; the table must stay unchanged
 * and no file appear. Tools built with {@link SqlTool#SqlTool(String, SqlTool.Settings)} skip the
 * compile-time check on purpose: the read-only connection is the authority.
 */
class SqlSqliteAttackTest {
  static final String BRACKETS = "SELECT 1 AS [q']; DELETE FROM kv; --']";
  @TempDir Path dir;
  String url;

  @BeforeEach
  void data() throws Exception {
    url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kv (k TEXT, v INTEGER)");
      s.execute("INSERT INTO kv VALUES ('a', 1), ('b', 2)");
    }
  }

  String table() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT group_concat(k || '=' || v, ',') FROM (SELECT * FROM kv ORDER BY k)")) {
      rs.next();
      return rs.getString(1);
    }
  }

  SqlTool tool(String u, String query, boolean readOnly) {
    return new SqlTool("q", new SqlTool.Settings(u, "", "", SqlText.parse(query, SqlDialect.SQLITE), readOnly, 10, false));
  }

  static ToolException refusal(SqlTool t) throws Exception {
    try {
      throw new AssertionError("the call was not refused; it gave " + t.call(Map.of(), null));
    } catch (ToolException e) {
      return e;
    }
  }

  @Test
  void bracketIdentifiersNoLongerHideASecondStatement() throws Exception {
    // a lexer that does not know [brackets] sees one statement (how the trick passed validate)
    assertThat(SqlText.parse(BRACKETS, SqlDialect.OTHER).readOnlyProblem()).isNull();
    assertThat(codes(toolDiagnostics("  q: { type: sql, url: \"" + url + "\", query: \"" + BRACKETS + "\" }", dir, Map.of())))
        .containsExactly("SQL_NOT_READ_ONLY tool 'q' (type sql): the tool is read-only but it holds more than one statement;"
            + " write a single SELECT, or set read_only: false");
    // below the check: the driver runs the first statement only, on a read-only file
    assertThat(((Map<?, ?>) tool(url, BRACKETS, true).call(Map.of(), null)).get("rows")).isEqualTo(List.of(Map.of("q'", 1L)));
    assertThat(table()).isEqualTo("a=1,b=2");
    // sqlite-jdbc never runs the text after the first statement, even on a writable connection
    tool(url, "SELECT 1 AS x; DELETE FROM kv", false).call(Map.of(), null);
    assertThat(table()).isEqualTo("a=1,b=2");
  }

  @Test
  void oneStatementThatWritesFailsOnTheReadOnlyFile() throws Exception {
    for (String q : List.of("WITH d AS (SELECT 1) DELETE FROM kv", "INSERT INTO kv VALUES ('x', 9)", "PRAGMA user_version = 7")) {
      assertThat(refusal(tool(url, q, true)).getMessage()).as(q).contains("readonly");
      assertThat(table()).isEqualTo("a=1,b=2");
    }
  }

  @Test
  void vacuumIntoAttachAndExtensionsCannotWriteFilesOrLoadCode() throws Exception {
    Path copy = dir.resolve("copy.db");
    // the read-only open mode alone lets VACUUM INTO write a new file
    Properties p = new Properties();
    p.setProperty("open_mode", "1");
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + dir.resolve("before.db") + "'");
    }
    assertThat(dir.resolve("before.db")).exists();
    assertThat(refusal(tool(url, "VACUUM INTO '" + copy + "'", true)).getMessage())
        .containsAnyOf("cannot VACUUM from within a transaction", "too many attached databases");
    assertThat(refusal(tool(url, "ATTACH '" + dir.resolve("new.db") + "' AS x", true)).getMessage()).contains("attached");
    // URL parameters do not loosen the connection of a read-only tool
    String loose = url + "?open_mode=6&limit_attached=5&enable_load_extension=true";
    assertThat(refusal(tool(loose, "SELECT load_extension('" + dir.resolve("evil") + "')", true)).getMessage()).contains("not authorized");
    assertThat(refusal(tool(loose, "VACUUM INTO '" + copy + "'", true)).getMessage())
        .containsAnyOf("cannot VACUUM from within a transaction", "too many attached databases");
    assertThat(refusal(tool(loose, "DELETE FROM kv", true)).getMessage()).contains("readonly");
    assertThat(copy).doesNotExist();
    assertThat(dir.resolve("new.db")).doesNotExist();
    assertThat(table()).isEqualTo("a=1,b=2");
  }
}
