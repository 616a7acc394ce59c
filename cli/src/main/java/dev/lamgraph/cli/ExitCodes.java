package dev.lamgraph.cli;

/** The exit codes of every {@code lam} command. */
public final class ExitCodes {
  /** Success (a run reached END). */
  public static final int OK = 0;
  /** A run failed, or the store could not be used. */
  public static final int FAILED = 1;
  /** Bad usage, bad input, or a workflow with errors. */
  public static final int USAGE = 2;
  /** A run paused, waiting for input ({@code lam resume THREAD --input ...}). */
  public static final int PAUSED = 3;

  private ExitCodes() {}
}
