package dev.lamgraph.engine.util;

/**
 * Masks secrets in text that arrives in pieces (a model's streamed tokens), where a secret may be
 * split across pieces: {@link #push} returns what can be shown so far, masked, and holds back an
 * end that could be the start of a secret; {@link #flush} returns the rest at the end. The pieces
 * returned, joined, equal {@link Redactor#redact} of the whole text. Not thread-safe (one stream).
 *
 * <pre>{@code
 * StreamMask mask = new StreamMask(secrets);
 * for (String token : tokens) send(mask.push(token));   // "" while a possible secret is held back
 * send(mask.flush());
 * }</pre>
 */
public final class StreamMask {
  private final Redactor redactor;
  private final StringBuilder pending = new StringBuilder();

  public StreamMask(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Adds {@code piece}; returns the masked text that is now safe to show (possibly empty). */
  public String push(String piece) {
    if (piece == null || piece.isEmpty()) return "";
    pending.append(piece);
    String all = pending.toString();
    int safe = redactor.safeEnd(all);
    pending.delete(0, safe);
    return redactor.redact(all.substring(0, safe));
  }

  /** The held-back end, masked; the stream is empty afterwards. */
  public String flush() {
    String rest = redactor.redact(pending.toString());
    pending.setLength(0);
    return rest;
  }
}
