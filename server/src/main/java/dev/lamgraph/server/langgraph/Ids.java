package dev.lamgraph.server.langgraph;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * LangGraph's ids for lamgraph's things, all stable: an assistant is uuid5 of its graph name in
 * LangGraph's graph namespace (as {@code langgraph-api} registers its system assistants); a
 * checkpoint is uuid5 of {@code thread/step} in a namespace of our own.
 */
public final class Ids {
  /** LangGraph's {@code NAMESPACE_GRAPH} (langgraph-api graph/load). */
  public static final UUID GRAPH_NAMESPACE = UUID.fromString("6ba7b821-9dad-11d1-80b4-00c04fd430c8");
  /** lamgraph's namespace for checkpoint ids (uuid5 of "lamgraph.dev checkpoint" in the URL namespace). */
  public static final UUID CHECKPOINT_NAMESPACE = uuid5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "lamgraph.dev checkpoint");

  private Ids() {}

  public static String assistantId(String graphName) {
    return uuid5(GRAPH_NAMESPACE, graphName).toString();
  }

  public static String checkpointId(String threadId, long step) {
    return uuid5(CHECKPOINT_NAMESPACE, threadId + "/" + step).toString();
  }

  /**
   * The id of the task running node {@code node} after checkpoint {@code fromStep} of lamgraph
   * thread {@code link} (its writes are checkpoint {@code fromStep + 1}): the same in the state's
   * {@code tasks}, the {@code debug} and {@code tasks} stream events and a subgraph's namespace.
   */
  public static String taskId(String link, long fromStep, String node) {
    return uuid5(CHECKPOINT_NAMESPACE, link + "/" + fromStep + "/" + node).toString();
  }

  /** RFC 4122 name-based (SHA-1) UUID. */
  public static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      sha1.update(name.getBytes(StandardCharsets.UTF_8));
      byte[] h = sha1.digest();
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }
}
