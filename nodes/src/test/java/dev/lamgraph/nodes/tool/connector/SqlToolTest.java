package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sql connector on H2 and SQLite: bound parameters, read-only by default, row limits, secrets. */
class SqlToolTest {
  static final String H2 = "jdbc:h2:mem:sqltool;DB_CLOSE_DELAY=-1";
  static final Map<String, String> ENV = Map.of("DB_PASSWORD", "pw-91c2e7d4");
  @TempDir Path dir;
  Connection keep;

  @BeforeEach
  void data() throws Exception {
    keep = DriverManager.getConnection(H2, "sa", "pw-91c2e7d4");
    try (Statement s = keep.createStatement()) {
      s.execute("DROP TABLE IF EXISTS people");
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(40), score DECIMAL(5,2))");
      for (int i = 1; i <= 5; i++) s.execute("INSERT INTO people VALUES (" + i + ", 'p" + i + "', " + i + ".5)");
    }
  }

  @AfterEach
  void close() throws Exception {
    keep.close();
  }

  private final Redactor secrets = new Redactor();

  private ToolRegistry tools(String entries) throws Exception {
    return registry(entries.replace("H2URL", H2), dir, ENV, secrets);
  }

  @Test
  void namedParametersAreBoundNotSpliced() throws Exception {
    try (ToolRegistry r = tools("""
        person:
          type: sql
          url: "H2URL"
          user: sa
          password: "${env:DB_PASSWORD}"
          query: "SELECT id, name, score FROM people WHERE name = :name OR id = :id -- not :this"
        """)) {
      assertThat(r.call("person", Map.of("name", "p2", "id", 4L), null).value()).isEqualTo(Map.of(
          "rows", List.of(Map.of("id", 2L, "name", "p2", "score", 2.5), Map.of("id", 4L, "name", "p4", "score", 4.5)),
          "row_count", 2L, "truncated", false));
      ToolResult inj = r.call("person", Map.of("name", "x' OR '1'='1", "id", -1L), null);
      assertThat(((Map<?, ?>) inj.value()).get("row_count")).isEqualTo(0L);
      assertThat(r.all().get("person").parametersSchema()).contains("\"required\":[\"name\",\"id\"]");
    }
    assertThat(secrets.redact("pw-91c2e7d4")).isEqualTo("***");
  }

  @Test
  void rowsAreLimited() throws Exception {
    try (ToolRegistry r = tools("  all: { type: sql, url: \"H2URL\", user: sa, password: \"${env:DB_PASSWORD}\", "
        + "query: \"SELECT id FROM people ORDER BY id\", max_rows: 3 }")) {
      Map<?, ?> v = (Map<?, ?>) r.call("all", Map.of(), null).value();
      assertThat(v.get("rows")).isEqualTo(List.of(Map.of("id", 1L), Map.of("id", 2L), Map.of("id", 3L)));
      assertThat(v.get("truncated")).isEqualTo(true);
    }
  }

  @Test
  void aReadOnlyToolRefusesStatementsThatAreNotASingleQuery() {
    for (String q : List.of("DELETE FROM people WHERE id = :id", "SELECT 1; DROP TABLE people",
        "WITH x AS (SELECT 1) INSERT INTO people SELECT * FROM people", "SELECT * INTO copy FROM people")) {
      assertThat(codes(toolDiagnostics("  t: { type: sql, url: \"" + H2 + "\", query: \"" + q + "\" }", dir, ENV)))
          .as(q).anySatisfy(d -> assertThat(d).startsWith("SQL_NOT_READ_ONLY tool 't' (type sql): the tool is read-only but"));
    }
    assertThat(codes(toolDiagnostics("  t: { type: sql, url: \"" + H2 + "\", query: \"SELECT ';DELETE' AS s FROM people\" }", dir, ENV)))
        .isEmpty();
  }

  @Test
  void writesNeedReadOnlyFalse() throws Exception {
    try (ToolRegistry r = tools("  rename: { type: sql, url: \"H2URL\", user: sa, password: \"${env:DB_PASSWORD}\", read_only: false, "
        + "query: \"UPDATE people SET name = :name WHERE id = :id\" }")) {
      assertThat(r.call("rename", Map.of("name", "Zed", "id", 1L), null).value()).isEqualTo(Map.of("updated", 1L));
    }
    try (Statement s = keep.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM people WHERE id = 1")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("Zed");
    }
  }

  @Test
  void sqliteFilesOpenReadOnly() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kv (k TEXT, v INTEGER)");
      s.execute("INSERT INTO kv VALUES ('a', 1)");
    }
    try (ToolRegistry r = tools("  kv: { type: sql, url: \"" + url + "\", query: \"SELECT v FROM kv WHERE k = :k\" }")) {
      assertThat(((Map<?, ?>) r.call("kv", Map.of("k", "a"), null).value()).get("rows")).isEqualTo(List.of(Map.of("v", 1L)));
    }
    try (ToolRegistry r = tools("  kv: { type: sql, url: \"" + url + "\", query: \"SELECT v FROM kv WHERE k = :k\" }");
        Connection c = ((SqlTool) r.all().get("kv")).connect(); Statement s = c.createStatement()) {
      // the connection itself is read-only, below the statement check
      assertThatThrownBy(() -> s.execute("INSERT INTO kv VALUES ('b', 2)")).hasMessageContaining("readonly");
    }
  }

  @Test
  void aMissingDriverIsReported() {
    assertThat(codes(toolDiagnostics("  t: { type: sql, url: \"jdbc:nosuchdb://x\", query: \"SELECT 1\" }", dir, ENV)))
        .containsExactly("SQL_DRIVER tool 't' (type sql): no JDBC driver on the class path accepts 'jdbc:nosuchdb://x'");
  }
}
