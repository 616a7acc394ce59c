package dev.lamgraph.engine.store;

/**
 * A store problem a user can act on: locked, corrupt, newer schema, unwritable, a thread that
 * another process owns or that was changed concurrently. The message says what to do.
 */
public class StoreException extends RuntimeException {
  public enum Reason { UNAVAILABLE, CORRUPT, NEWER_SCHEMA, LOCKED, CONFLICT, NOT_FOUND, EXISTS, IO }

  private final Reason reason;

  public StoreException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
