package dev.lamgraph.engine.node;

/**
 * A replay reached a call the original thread's journal has no result for (see {@link
 * NodeContext#once}): the new definition takes another path, or calls in another order. The node
 * fails with kind {@code not_recorded}; nothing was called.
 */
public class NotRecordedException extends RuntimeException {
  public NotRecordedException(String message) {
    super(message);
  }
}
