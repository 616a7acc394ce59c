package dev.lamgraph.engine.store;

/** The status of a thread (run). */
public enum RunStatus {
  /** Being run, or interrupted by a crash (then {@code lam resume} continues it). */
  RUNNING,
  /** Waiting for a person's answer ({@code lam resume THREAD --input ...}). */
  PAUSED,
  /** Reached END. */
  DONE,
  /** Stopped on an error; its checkpoints are kept, so it can be inspected and resumed after a fix. */
  FAILED,
  /**
   * Ended on request ({@code lam cancel}, or a cancel over {@code lam serve}) while paused or
   * running; its committed steps are kept (inspect it, or fork it to run again).
   */
  CANCELLED;

  public String id() {
    return name().toLowerCase();
  }

  public static RunStatus parse(String s) {
    return valueOf(s.toUpperCase());
  }
}
