package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a read-only {@code sql} tool against a real PostgreSQL server: each is performed, and
 * the table must be unchanged (and no program run). The database is the authority: the tools built
 * with {@link SqlTool#SqlTool(String, SqlTool.Settings)} skip the compile-time check on purpose.
 */
class SqlPostgresAttackTest {
  static final String SMUGGLE = "SELECT $$'$$ AS a; COMMIT; DELETE FROM t; INSERT INTO t VALUES (666, 'pwned'); SELECT $$'$$ AS b";
  static PgServer pg;
  static String schema;
  static String reader;
  @TempDir Path dir;

  @BeforeAll
  static void server() throws Exception {
    pg = PgServer.shared();
    schema = pg.newSchema();
    reader = "lam_reader_" + ProcessHandle.current().pid();
    // the reader may write the table: only the read-only transaction stops it
    pg.psql("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".t (id int, v text); CREATE ROLE " + reader + " LOGIN;"
        + " GRANT USAGE ON SCHEMA " + schema + " TO " + reader + "; GRANT ALL ON " + schema + ".t TO " + reader);
  }

  @BeforeEach
  void rows() throws Exception {
    pg.psql("TRUNCATE " + schema + ".t; INSERT INTO " + schema + ".t VALUES (1, 'a'), (2, 'b')");
  }

  static String url() {
    return "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?currentSchema=" + schema;
  }

  static String table() throws Exception {
    return pg.psql("SELECT string_agg(id || '=' || v, ',' ORDER BY id) FROM " + schema + ".t");
  }

  static SqlTool tool(String user, String query, boolean readOnly, boolean allowSuperuser) {
    return new SqlTool("q", new SqlTool.Settings(url(), user, "", SqlText.parse(query, SqlDialect.POSTGRES), readOnly, 10,
        allowSuperuser));
  }

  static ToolException refusal(SqlTool t) {
    try {
      Object v = t.call(Map.of(), null);
      throw new AssertionError("the call was not refused; it gave " + v);
    } catch (ToolException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private ToolRegistry tools(String user, String query, String extra) throws Exception {
    return registry("  q: { type: sql, url: \"" + url() + "\", user: " + user + ", query: \"" + query + "\"" + extra + " }", dir);
  }

  @Test
  void dollarQuoteSmugglingIsRefusedAtCompileTimeAndByTheDatabase() throws Exception {
    // the text is five statements to PostgreSQL: with the protection off it deletes and inserts
    assertThat(((Map<?, ?>) tool(reader, SMUGGLE, false, false).call(Map.of(), null))).isNotNull();
    assertThat(table()).isEqualTo("666=pwned");
    rows();
    assertThat(codes(toolDiagnostics("  q: { type: sql, url: \"" + url() + "\", query: \"" + SMUGGLE + "\" }", dir, Map.of())))
        .containsExactly("SQL_NOT_READ_ONLY tool 'q' (type sql): the tool is read-only but it holds more than one statement;"
            + " write a single SELECT, or set read_only: false");
    ToolException e = refusal(tool(reader, SMUGGLE, true, false));
    assertThat(e.kind()).isEqualTo("refused");
    assertThat(e.getMessage()).isEqualTo("tool 'q' is read-only but its query holds 5 statements as the PostgreSQL driver reads it;"
        + " a read-only tool runs exactly one");
    assertThat(table()).isEqualTo("1=a,2=b");
  }

  @Test
  void aSingleStatementThatWritesFailsInTheReadOnlyTransaction() throws Exception {
    for (String q : new String[] {"WITH d AS (DELETE FROM t RETURNING id) SELECT count(*) FROM d",
        "SELECT set_config('transaction_read_only', 'off', true), (SELECT count(*) FROM t)",
        "INSERT INTO t VALUES (666, 'pwned')"}) {
      ToolException e = refusal(tool(reader, q, true, false));
      assertThat(e.kind()).as(q).isEqualTo("sql_error");
      assertThat(e.getMessage()).as(q).containsAnyOf("in a read-only transaction", "read-write mode must be set before any query");
      assertThat(table()).as(q).isEqualTo("1=a,2=b");
    }
    assertThat(((Map<?, ?>) tool(reader, "SELECT count(*) AS n FROM t", true, false).call(Map.of(), null)).get("rows"))
        .isEqualTo(java.util.List.of(Map.of("n", 2L)));
  }

  @Test
  void copyToProgramAsASuperuserIsRefused() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("out"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx")); // the server runs as postgres
    Path pwned = shared.resolve("PWNED");
    String copy = "COPY (SELECT 1) TO PROGRAM 'cat > " + pwned + "'"; // reads its input: no broken pipe;
    assertThat(codes(toolDiagnostics("  q: { type: sql, url: \"" + url() + "\", user: postgres, query: \"" + copy + "\" }", dir,
        Map.of()))).singleElement().asString().startsWith("SQL_NOT_READ_ONLY");
    ToolException e = refusal(tool("postgres", copy, true, false));
    assertThat(e.kind()).isEqualTo("refused");
    assertThat(e.getMessage()).startsWith("tool 'q' is read-only but its database role is or can become superuser 'postgres',");
    assertThat(pwned).doesNotExist();
    // what allow_superuser gives up: the program runs inside the read-only transaction
    tool("postgres", copy, true, true).call(Map.of(), null);
    assertThat(pwned).exists();
  }

  @Test
  void aSuperuserConnectionIsRefusedEvenForAPlainQuery() throws Exception {
    try (ToolRegistry r = tools("postgres", "SELECT count(*) AS n FROM t", "")) {
      ToolResult res = r.call("q", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("refused");
      assertThat(res.error()).endsWith("connect as a role without these powers, or set allow_superuser: true");
    }
    try (ToolRegistry r = tools("postgres", "SELECT count(*) AS n FROM t", ", allow_superuser: true")) {
      assertThat(r.call("q", Map.of(), null).ok()).isTrue();
    }
    // a role that may become a superuser (SET ROLE) counts as one
    String heir = reader + "_heir";
    pg.psql("CREATE ROLE " + heir + " LOGIN; GRANT postgres TO " + heir);
    assertThat(refusal(tool(heir, "SELECT 1", true, false)).getMessage()).contains("is or can become superuser 'postgres'");
    pg.psql("CREATE ROLE " + heir + "_prog LOGIN; GRANT pg_execute_server_program TO " + heir + "_prog");
    assertThat(refusal(tool(heir + "_prog", "SELECT 1", true, false)).getMessage()).contains("holds pg_execute_server_program,");
  }

  @Test
  void pgTerminateBackendCannotEndAnotherSession() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("ApplicationName", "victim_" + ProcessHandle.current().pid());
    String kill = "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = '"
        + p.getProperty("ApplicationName") + "'";
    try (Connection victim = DriverManager.getConnection(url(), p); Statement st = victim.createStatement()) {
      st.execute("SELECT 1");
      // a query by the lexical rules; as a superuser the tool refuses to connect at all
      assertThat(refusal(tool("postgres", kill, true, false)).kind()).isEqualTo("refused");
      assertThat(st.execute("SELECT 1")).isTrue();
      // as a non-superuser the server refuses to signal a superuser's session
      ToolException e = refusal(tool(reader, kill, true, false));
      assertThat(e.kind()).isEqualTo("sql_error");
      assertThat(e.getMessage()).contains("must be a superuser to terminate superuser process");
      assertThat(st.execute("SELECT 1")).isTrue();
      // what allow_superuser gives up
      tool("postgres", kill, true, true).call(Map.of(), null);
      assertThatThrownBy(() -> st.execute("SELECT 1")).hasMessageContaining("terminat");
    }
  }

  @Test
  void theSimpleQueryProtocolIsRefusedForAReadOnlyTool() throws Exception {
    SqlTool t = new SqlTool("q", new SqlTool.Settings(url() + "&preferQueryMode=simple", reader, "",
        SqlText.parse("SELECT 1", SqlDialect.POSTGRES), true, 10, false));
    assertThat(refusal(t).getMessage()).isEqualTo("tool 'q' is read-only but its URL sets preferQueryMode=simple, which sends"
        + " several statements at once; remove it");
  }
}
