package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.StoreException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns PostgreSQL and pool failures into one-line {@link StoreException}s that name the server
 * and say what to do (never the password).
 */
final class PgErrors {
  private PgErrors() {}

  /**
   * @param doing what the store was doing, for the message (e.g. "committing step 3 of thread 't1'")
   */
  static StoreException map(Throwable e, PgUrl url, String doing) {
    String state = sqlState(e);
    String where = "PostgreSQL at " + url.server();
    if (state == null) state = "";
    if (state.equals("28P01")) {
      return new StoreException(StoreException.Reason.UNAVAILABLE, where + " rejected the password of user '" + url.user()
          + "'; fix the password in the store URL (postgresql://USER:PASSWORD@...) or $PGPASSWORD", e);
    }
    if (state.equals("28000")) {
      return new StoreException(StoreException.Reason.UNAVAILABLE, where + " refused user '" + url.user() + "' ("
          + serverMessage(e) + "); check the user name and the server's pg_hba.conf", e);
    }
    if (state.equals("3D000")) {
      return new StoreException(StoreException.Reason.UNAVAILABLE, "database '" + url.database() + "' does not exist on "
          + where + "; create it (createdb -h " + url.host() + " -p " + url.port() + " -U " + url.user() + " "
          + url.database() + ") or fix the database name in the store URL", e);
    }
    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
        || unreachable(e)) {
      return new StoreException(StoreException.Reason.UNAVAILABLE, "cannot reach " + where + " while " + doing + " ("
          + reason(e) + "); check that the server is running and the host and port in the store URL are right", e);
    }
    if (state.equals("53300")) {
      return new StoreException(StoreException.Reason.UNAVAILABLE, where + " has no connection slots left while " + doing
          + "; lower pool_size in the store URL or raise max_connections on the server", e);
    }
    if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
      return new StoreException(StoreException.Reason.LOCKED, where + " reported a concurrent change while " + doing
          + "; try again", e);
    }
    if (state.equals("23505")) {
      return new StoreException(StoreException.Reason.CONFLICT, where + " rejected a duplicate while " + doing + ": "
          + serverMessage(e), e);
    }
    if (state.equals("42501")) {
      return new StoreException(StoreException.Reason.IO, "user '" + url.user() + "' lacks a privilege on " + where + "/"
          + url.database() + " while " + doing + " (" + serverMessage(e) + "); grant it, or use the database owner", e);
    }
    if (state.startsWith("53") || state.startsWith("58") || state.startsWith("XX")) {
      return new StoreException(StoreException.Reason.IO, where + " failed while " + doing + ": " + serverMessage(e), e);
    }
    return new StoreException(StoreException.Reason.UNAVAILABLE, where + " failed while " + doing + ": "
        + serverMessage(e), e);
  }

  /** The first SQLState in the cause chain (the pool wraps the driver's exception). */
  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) return s.getSQLState();
    }
    return null;
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || t instanceof SQLTransientConnectionException || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) return "connection refused";
      if (t instanceof UnknownHostException) return "unknown host";
      if (t instanceof NoRouteToHostException) return "no route to host";
      if (t instanceof SocketTimeoutException) return "timed out";
    }
    String s = sqlState(e);
    if (s != null && s.startsWith("57P")) return "the server is shutting down or starting up";
    if (s != null && s.startsWith("08")) return "connection lost";
    return "no connection within the connect timeout";
  }

  /** The server's message without the driver's "ERROR: " prefix, position and detail lines. */
  private static String serverMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        String m = t.getMessage().strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        return m.replaceFirst("^(ERROR|FATAL): ", "");
      }
    }
    return String.valueOf(e.getMessage());
  }
}
