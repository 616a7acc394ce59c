package dev.lamgraph.nodes.memory.graph;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/** Opens a {@link GraphStore} in PostgreSQL from a {@code postgresql://} URL (the checkpoint store's URL form). */
final class PgGraph {
  private PgGraph() {}

  /**
   * {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME]}; a password written {@code ${NAME}} is read from
   * {@code env}. The schema is created if needed.
   */
  static GraphStore open(String location, Map<String, String> env) throws SQLException {
    java.net.URI u;
    try {
      u = new java.net.URI(location);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("the graph memory URL is not a URL: " + e.getMessage());
    }
    if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
      throw new IllegalArgumentException("the graph memory URL needs postgresql://USER@HOST[:PORT]/DATABASE");
    }
    String info = u.getRawUserInfo() == null ? System.getProperty("user.name") : u.getRawUserInfo();
    int colon = info.indexOf(':');
    String user = java.net.URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), java.nio.charset.StandardCharsets.UTF_8);
    String password = colon < 0 ? null : java.net.URLDecoder.decode(info.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
    if (password != null && password.startsWith("${") && password.endsWith("}")) {
      String name = password.substring(2, password.length() - 1);
      password = env.get(name);
      if (password == null) throw new IllegalArgumentException("the graph memory URL's password names $" + name + ", which is not set");
    }
    String schema = null;
    if (u.getQuery() != null) {
      for (String kv : u.getQuery().split("&")) {
        if (kv.startsWith("schema=")) schema = kv.substring(7);
      }
    }
    if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("the graph memory URL's schema '" + schema + "' is not lower-case letters, digits and _");
    }
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) p.setProperty("password", password);
    p.setProperty("connectTimeout", "10");
    Connection c = DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort())
        + u.getRawPath(), p);
    if (schema != null) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        s.execute("SET search_path TO " + schema);
      }
    }
    String shown = "postgresql://" + user + "@" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + u.getRawPath()
        + (schema == null ? "" : "?schema=" + schema);
    return new GraphStore(c, shown);
  }
}
