package dev.lamgraph.cli;

/**
 * A problem the user can fix, reported as one line {@code lam: error: MESSAGE} with an exit code
 * (usually {@link ExitCodes#USAGE}). Never shows a stack trace.
 */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A problem that stops the command for a reason other than its arguments (exit 1). */
  static CliException failed(String message) {
    return new CliException(ExitCodes.FAILED, message);
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
