package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * One {@code sql} tool: a connection per call (no pool), parameters bound in order, at most
 * {@code max_rows} rows. A read-only tool's connection and transaction are made read-only by
 * {@link SqlGuard} before the statement runs, and rolled back after. Values: a query gives {@code {rows: [{column: value}], row_count,
 * truncated}} (column labels that a database upper-cased are lower-cased); another statement gives {@code {updated}}.
 */
final class SqlTool extends ConfiguredTool {
  record Settings(String url, String user, String password, SqlText query, boolean readOnly, int maxRows, boolean allowSuperuser) {
    SqlDialect dialect() {
      return SqlDialect.of(url);
    }
  }

  private final Settings s;

  SqlTool(ToolDeclaration d, String schema, Settings s) {
    super(d, schema);
    this.s = s;
  }

  /** A tool built without compiling a declaration (tests: a query the compile-time check would refuse). */
  SqlTool(String name, Settings s) {
    super(name, "", "{\"type\":\"object\"}", Duration.ofSeconds(30), Set.of(), Set.of());
    this.s = s;
  }

  @Override
  public Object call(Map<String, Object> args, ToolCall call) throws Exception {
    try (Connection c = connect()) {
      try {
        if (s.readOnly()) SqlGuard.enter(c, s.dialect(), s.query().jdbc(), s.allowSuperuser(), name()); // rolled back below
      } catch (SQLException e) {
        throw ToolException.of("sql_error", "SQL failed: " + e.getMessage());
      }
      try (PreparedStatement ps = c.prepareStatement(s.query().jdbc())) {
        List<String> names = s.query().params();
        for (int i = 0; i < names.size(); i++) bind(ps, i + 1, args.get(names.get(i)));
        ps.setMaxRows(s.maxRows() + 1);
        ps.setQueryTimeout((int) Math.max(1, (timeout().toMillis() + 999) / 1000));
        boolean rows = ps.execute();
        Map<String, Object> v = new LinkedHashMap<>();
        if (rows) {
          try (ResultSet rs = ps.getResultSet()) {
            List<Map<String, Object>> out = read(rs);
            boolean cut = out.size() > s.maxRows();
            if (cut) out = out.subList(0, s.maxRows());
            v.put("rows", out);
            v.put("row_count", (long) out.size());
            v.put("truncated", cut);
          }
        } else {
          v.put("updated", (long) ps.getUpdateCount());
        }
        return v;
      } catch (SQLException e) {
        throw ToolException.of("sql_error", "SQL failed: " + e.getMessage());
      } finally {
        if (s.readOnly() && !c.getAutoCommit()) c.rollback();
      }
    }
  }

  Connection connect() throws ToolException {
    Properties p = new Properties();
    if (!s.user().isEmpty()) p.setProperty("user", s.user());
    if (!s.password().isEmpty()) p.setProperty("password", s.password());
    if (s.readOnly()) SqlGuard.readOnlyProperties(s.dialect(), p);
    try {
      return DriverManager.getConnection(s.url(), p);
    } catch (SQLException e) {
      throw ToolException.of("connect", "cannot connect to the database of tool '" + name() + "': " + e.getMessage());
    }
  }

  private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
    if (v == null) ps.setNull(i, Types.NULL);
    else if (v instanceof String str) ps.setString(i, str);
    else if (v instanceof Long || v instanceof Integer) ps.setLong(i, ((Number) v).longValue());
    else if (v instanceof Number n) ps.setDouble(i, n.doubleValue());
    else if (v instanceof Boolean b) ps.setBoolean(i, b);
    else ps.setString(i, Json.write(v)); // objects and lists as JSON text
  }

  private static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) row.put(label(md.getColumnLabel(i)), json(rs.getObject(i)));
      out.add(row);
    }
    return out;
  }

  /** Column labels as written: databases that upper-case unquoted names (H2) get them lower-cased back. */
  private static String label(String l) {
    return l.equals(l.toUpperCase(Locale.ROOT)) ? l.toLowerCase(Locale.ROOT) : l;
  }

  /** A JDBC value as JSON: integers as Long, decimals as Double, dates as ISO text, bytes as base64. */
  static Object json(Object v) throws SQLException {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) return v;
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
    if (v instanceof BigInteger b) return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
    if (v instanceof BigDecimal d) return d.scale() <= 0 && d.precision() - d.scale() < 19 ? (Object) d.longValue() : d.doubleValue();
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof byte[] b) return Base64.getEncoder().encodeToString(b);
    if (v instanceof Clob c) return c.getSubString(1, (int) Math.min(Integer.MAX_VALUE, c.length()));
    if (v instanceof Timestamp t) return t.toInstant().toString();
    return String.valueOf(v);
  }
}
