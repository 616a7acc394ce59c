package dev.lamgraph.server.a2a;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON-RPC error with the A2A codes: -32700 parse error, -32600 invalid request, -32601 method
 * not found, -32602 invalid params, -32603 internal error, -32001 task not found, -32002 task not
 * cancelable, -32005 content type not supported. Never carries a stack trace.
 */
public final class RpcError extends RuntimeException {
  public static final int PARSE = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL = -32603;
  public static final int TASK_NOT_FOUND = -32001;
  public static final int TASK_NOT_CANCELABLE = -32002;
  public static final int CONTENT_TYPE = -32005;

  private final int code;
  private final Object data;

  public RpcError(int code, String message) {
    this(code, message, null);
  }

  public RpcError(int code, String message, Object data) {
    super(message, null, false, false);
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  public static RpcError params(String message) {
    return new RpcError(INVALID_PARAMS, message);
  }

  /** The JSON-RPC response {@code {jsonrpc, id, error {code, message, data?}}}. */
  public Map<String, Object> response(Object id) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", getMessage());
    if (data != null) e.put("data", data);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("jsonrpc", "2.0");
    r.put("id", id);
    r.put("error", e);
    return r;
  }
}
