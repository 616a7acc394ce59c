package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.EnvRefs;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: sql}: one parameterised statement over JDBC. Named {@code :param} placeholders are
 * bound as JDBC parameters, never concatenated. Read-only unless {@code read_only: false}: the
 * statement must then be a single query (a friendly check when compiling), and the database
 * enforces it on every call ({@link SqlGuard}: a read-only transaction, one statement through
 * the driver's protocol, no superuser role on PostgreSQL unless {@code allow_superuser: true};
 * a read-only open mode on SQLite); the transaction is always rolled back.
 *
 * <pre>{@code
 * tools:
 *   orders_of:
 *     type: sql
 *     url: "jdbc:postgresql://127.0.0.1/shop"
 *     user: agent
 *     password: "${env:SHOP_DB_PASSWORD}"
 *     query: "SELECT id, total FROM orders WHERE customer = :customer ORDER BY id"
 *     max_rows: 50
 * }</pre>
 */
public final class SqlConnector implements ToolConnector {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "A parameterised SQL statement over JDBC (named :params bound, read-only by default, row limit).";
  }

  @Override
  public String configSchema() {
    return ToolSchemas.connector("""
        "url": {"type": "string", "pattern": "^jdbc:", "description": "JDBC URL; may use ${env:NAME}"},
        "user": {"type": "string", "description": "may use ${env:NAME}"},
        "password": {"type": "string", "description": "may use ${env:NAME} (a secret: redacted)"},
        "query": {"type": "string", "minLength": 1, "description": "one statement; :name placeholders are bound as parameters"},
        "read_only": {"type": "boolean", "description": "default true: one query per call, in a read-only transaction enforced by the database (PostgreSQL, SQLite) and rolled back"},
        "allow_superuser": {"type": "boolean", "description": "default false: a read-only PostgreSQL tool refuses a role that is (or can become) a superuser or holds pg_execute_server_program, pg_write_server_files, pg_read_server_files or pg_signal_backend"},
        "max_rows": {"type": "integer", "minimum": 1, "description": "most rows returned (default 100)"}""",
        List.of("url", "query"));
  }

  @Override
  public String example() {
    return """
        tools:
          customer:
            type: sql
            description: Looks up a customer by id.
            url: "jdbc:sqlite:shop.db"
            query: "SELECT id, name, email FROM customers WHERE id = :id"
            max_rows: 1""";
  }

  @Override
  public List<Tool> create(ToolDeclaration d) {
    boolean ok = true;
    Optional<String> url = d.secret("url");
    Optional<String> user = d.get("user").isPresent() ? d.secret("user") : Optional.of("");
    Optional<String> password = d.get("password").isPresent() ? d.secret("password") : Optional.of("");
    if (url.isEmpty() || user.isEmpty() || password.isEmpty()) return List.of();
    try {
      // a URL still holding ${env:...} is one compiled for inspection without its variable (warned)
      if (!EnvRefs.hasRefs(url.get())) DriverManager.getDriver(url.get());
    } catch (SQLException e) {
      d.error(NodesCodes.SQL_DRIVER, "url", "no JDBC driver on the class path accepts '" + d.string("url").orElse("") + "'");
      ok = false;
    }
    SqlText q = SqlText.parse(d.string("query").orElseThrow(), SqlDialect.of(url.get()));
    boolean readOnly = d.bool("read_only", true);
    String problem = readOnly ? q.readOnlyProblem() : null;
    if (problem != null) {
      d.error(NodesCodes.SQL_NOT_READ_ONLY, "query", "the tool is read-only but " + problem + "; write a single SELECT, or set read_only: false");
      ok = false;
    }
    Set<String> names = new LinkedHashSet<>(q.params());
    Optional<String> schema = d.get("parameters").isPresent() ? d.parametersFor(names, "query") : Optional.of(schemaFor(names));
    if (!ok || schema.isEmpty()) return List.of();
    SqlTool.Settings s = new SqlTool.Settings(url.get(), user.get(), password.get(), q, readOnly, (int) d.integer("max_rows", 100),
        d.bool("allow_superuser", false));
    return List.of(new SqlTool(d, schema.get(), s));
  }

  private static String schemaFor(Set<String> names) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (String n : names) props.put(n, Map.of("type", List.of("string", "number", "integer", "boolean", "null")));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", props);
    s.put("required", List.copyOf(names));
    s.put("additionalProperties", false);
    return Json.write(s);
  }
}
