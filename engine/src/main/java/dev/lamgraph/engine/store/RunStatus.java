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
  FAILED;

  public String id() {
    return name().toLowerCase();
  }

  public static RunStatus parse(String s) {
    return valueOf(s.toUpperCase());
  }
}
