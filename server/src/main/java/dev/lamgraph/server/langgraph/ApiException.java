package dev.lamgraph.server.langgraph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as JSON {@code {"detail": ...}} with an HTTP status a client can act on
 * (LangGraph's shape): 404 unknown thread or assistant, 409 thread busy, 422 invalid input (with
 * the diagnostics under {@code diagnostics}), 401 missing token. Never carries a stack trace.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Map<String, Object> extra;

  public ApiException(int status, String detail) {
    this(status, detail, Map.of());
  }

  public ApiException(int status, String detail, Map<String, Object> extra) {
    super(detail, null, false, false);
    this.status = status;
    this.extra = Map.copyOf(extra);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, detail);
  }

  public static ApiException invalid(String detail) {
    return new ApiException(422, detail);
  }

  public int status() {
    return status;
  }

  /** The JSON body: {@code detail} first, then the extra fields. */
  public Map<String, Object> body() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("detail", getMessage());
    b.putAll(extra);
    return b;
  }
}
