package dev.lamgraph.server.a2a;

import java.util.List;
import java.util.Map;

/** Checks the params of {@code message/send} and {@code message/stream} ({@code MessageSendParams}); -32602 when they do not fit. */
final class Messages {
  private Messages() {}

  /** The message of {@code params}, checked: role user, a messageId, text or data parts (data: an object). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> check(Map<String, Object> params) {
    if (!(params.get("message") instanceof Map<?, ?> m)) throw RpcError.params("params.message must be an object (a Message)");
    Map<String, Object> message = (Map<String, Object>) m;
    if (!"user".equals(message.get("role"))) throw RpcError.params("message.role must be \"user\"");
    if (!(message.get("messageId") instanceof String id) || id.isBlank()) throw RpcError.params("message.messageId must be a non-empty string");
    for (String k : List.of("taskId", "contextId")) {
      if (message.get(k) != null && !(message.get(k) instanceof String)) throw RpcError.params("message." + k + " must be a string");
    }
    if (!(message.get("parts") instanceof List<?> parts) || parts.isEmpty()) throw RpcError.params("message.parts must be a non-empty list");
    for (Object p : parts) {
      if (!(p instanceof Map<?, ?> part)) throw RpcError.params("each part must be an object");
      Object kind = part.get("kind");
      if ("text".equals(kind)) {
        if (!(part.get("text") instanceof String)) throw RpcError.params("a text part needs a string text");
      } else if ("data".equals(kind)) {
        if (!(part.get("data") instanceof Map)) throw RpcError.params("a data part's data must be a JSON object (channel: value)");
      } else if ("file".equals(kind)) {
        throw new RpcError(RpcError.CONTENT_TYPE, "file parts are not accepted: send the input as a DataPart object or text");
      } else {
        throw RpcError.params("a part's kind must be text, data or file, not " + kind);
      }
    }
    if (params.get("configuration") != null && !(params.get("configuration") instanceof Map)) {
      throw RpcError.params("params.configuration must be an object");
    }
    return message;
  }

  /** {@code configuration.blocking}: false = answer at once with the submitted task. */
  static boolean blocking(Map<String, Object> params) {
    return !(params.get("configuration") instanceof Map<?, ?> c) || !Boolean.FALSE.equals(c.get("blocking"));
  }

  /** {@code historyLength} of a TaskQueryParams or a MessageSendConfiguration, or null. */
  static Integer historyLength(Map<?, ?> m) {
    Object v = m == null ? null : m.get("historyLength");
    if (v == null) return null;
    if (v instanceof Number n && n.intValue() >= 0 && n.doubleValue() == n.intValue()) return n.intValue();
    throw RpcError.params("historyLength must be a non-negative integer");
  }
}
